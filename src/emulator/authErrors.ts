/**
 * How ARM and Log Analytics refuse a bearer token, each in its own words: ARM answers 401 with
 * a CloudError naming the problem (InvalidAuthenticationToken, ExpiredAuthenticationToken,
 * InvalidAuthenticationTokenTenant, InvalidAuthenticationTokenAudience); Log Analytics answers
 * InvalidTokenError ("The provided authentication is not valid for this resource"), 403 for a
 * token made for another resource and 401 otherwise. Both send WWW-Authenticate on a 401.
 */
import type { ApiKind } from './faults';
import { reply, type Reply } from './http/types';
import { issuerOf, type TokenFailure } from './tokens';

const wwwAuthenticate = (tenantId: string, description: string): Record<string, string> => ({
  'WWW-Authenticate': `Bearer authorization_uri="https://login.windows.net/${tenantId}", error="invalid_token", error_description="${description}"`,
});

/** ARM's way of writing a time in these messages: 12/2/2026 4:20:00 AM. */
function armTime(d: Date): string {
  const h = d.getUTCHours();
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()} ${h % 12 === 0 ? 12 : h % 12}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ${h < 12 ? 'AM' : 'PM'}`;
}

function armRefusal(failure: TokenFailure, tenantId: string): Reply {
  const error = (code: string, message: string): Reply => reply(401, { error: { code, message } }, wwwAuthenticate(tenantId, 'The access token is invalid.'));
  switch (failure.kind) {
    case 'expired':
      return reply(
        401,
        { error: { code: 'ExpiredAuthenticationToken', message: `The access token expiry UTC time '${armTime(failure.expiredAt)}' is earlier than current UTC time '${armTime(failure.now)}'.` } },
        wwwAuthenticate(tenantId, 'The access token has expired.'),
      );
    case 'wrongTenant':
      return error(
        'InvalidAuthenticationTokenTenant',
        `The access token is from the wrong issuer '${failure.issuer}'. It must match the tenant '${issuerOf(tenantId)}' associated with this subscription. ` +
          `Please use the authority (URL) 'https://login.windows.net/${tenantId}' to get the token.`,
      );
    case 'wrongAudience':
      return error(
        'InvalidAuthenticationTokenAudience',
        `The access token has been obtained for wrong audience or resource '${failure.audience}'. It should exactly match with one of the allowed audiences ` +
          `'https://management.core.windows.net/','https://management.core.windows.net','https://management.azure.com/','https://management.azure.com'.`,
      );
    default:
      return error('InvalidAuthenticationToken', 'The access token is invalid.');
  }
}

const QUERY_INNER: Record<TokenFailure['kind'], { code: string; message: string }> = {
  invalid: { code: 'InvalidTokenSignature', message: 'The token could not be validated: its signature is invalid.' },
  expired: { code: 'TokenExpired', message: 'The token has expired.' },
  notYetValid: { code: 'TokenNotYetValid', message: 'The token is not valid yet.' },
  wrongTenant: { code: 'InvalidIssuer', message: 'The token was issued by another tenant than the workspace\'s.' },
  wrongAudience: { code: 'InvalidAudience', message: 'The token was issued for another resource.' },
};

function queryRefusal(failure: TokenFailure, tenantId: string, requestId: string): Reply {
  const status = failure.kind === 'wrongAudience' ? 403 : 401;
  const body = { error: { message: 'The provided authentication is not valid for this resource', code: 'InvalidTokenError', correlationId: requestId, innererror: QUERY_INNER[failure.kind] } };
  return reply(status, body, status === 401 ? wwwAuthenticate(tenantId, 'The provided authentication is not valid for this resource.') : {});
}

export function tokenRefusal(api: ApiKind, failure: TokenFailure, tenantId: string, requestId: string): Reply {
  return api === 'query' ? queryRefusal(failure, tenantId, requestId) : armRefusal(failure, tenantId);
}

/** Log Analytics' answer to a caller with no role on the workspace. */
export function queryForbidden(requestId: string): Reply {
  return reply(403, { error: { message: 'The provided credentials have insufficient access to perform the requested operation', code: 'InsufficientAccessError', correlationId: requestId } });
}
