/** Maps failures of Sentinel and Log Analytics onto the user-facing catalogue. */
import { AzureError, type AzureErrorCode } from '../azure/errors';
import { UserError, type UserErrorParams } from './errors';

export function isServiceError(err: unknown, code: AzureErrorCode): err is AzureError {
  return err instanceof AzureError && err.code === code;
}

/**
 * A stale etag or an existing resource. Sentinel answers 409 and some stacks 412; both mean
 * "someone changed it since you read it" for a conditional write.
 */
export function isConflict(err: unknown): err is AzureError {
  return isServiceError(err, 'PRECONDITION_FAILED') || isServiceError(err, 'CONFLICT');
}

/** The request may have reached Sentinel but no answer came back: the change may have happened. */
export function isLostAnswer(err: unknown): err is AzureError {
  return isServiceError(err, 'TIMEOUT') || isServiceError(err, 'NETWORK');
}

export function toUserError(err: unknown, params: UserErrorParams = {}): UserError {
  if (err instanceof UserError) return err;
  if (!(err instanceof AzureError)) return new UserError('INTERNAL', params, { cause: err });
  if (err.service === 'Microsoft Entra ID' && ['THROTTLED', 'UNAVAILABLE', 'TIMEOUT', 'NETWORK'].includes(err.code)) return new UserError('SIGN_IN_UNAVAILABLE', params, { cause: err });
  switch (err.code) {
    case 'NOT_FOUND':
      return new UserError('INCIDENT_NOT_FOUND', params, { cause: err });
    case 'PRECONDITION_FAILED':
    case 'CONFLICT':
      return new UserError('CONFLICT', params, { cause: err });
    case 'FORBIDDEN':
      // Refused a read: the person has no role on the workspace at all, not only no Responder role.
      if (err.actingAs === 'person') return new UserError(err.write ? 'AZURE_ROLE_REQUIRED' : 'AZURE_NO_ACCESS', { ...params, workspaceName: params.workspaceName ?? err.workspaceName }, { cause: err });
      return new UserError('AZURE_FORBIDDEN', params, { cause: err });
    case 'UNAUTHORIZED':
      return new UserError('AZURE_AUTH_FAILED', params, { cause: err });
    case 'SIGN_IN_REQUIRED':
      return new UserError(err.signInReason === 'consent' ? 'CONSENT_REQUIRED' : 'SIGN_IN_REQUIRED', params, { cause: err });
    case 'THROTTLED':
      return new UserError('THROTTLED', { ...params, retryAfterSeconds: params.retryAfterSeconds ?? err.retryAfterSeconds }, { cause: err });
    case 'PARTIAL_RESULT':
      return new UserError('PARTIAL_RESULT', params, { cause: err });
    case 'TIMEOUT':
      return new UserError('TIMEOUT', params, { cause: err });
    case 'UNAVAILABLE':
    case 'NETWORK':
      return new UserError('UNAVAILABLE', params, { cause: err });
    default:
      return new UserError('INTERNAL', params, { cause: err });
  }
}
