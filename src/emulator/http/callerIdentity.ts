/**
 * Who is calling, for createdBy / author / ModifiedBy. Any non-empty bearer token is
 * accepted (this is an emulator); when the token is a JWT its claims name the caller,
 * read without verification.
 */
import type { Actor } from '../model';

export const ANONYMOUS_CLIENT: Actor = { name: 'Sentinel emulator client', objectId: 'f0e1d2c3-b4a5-4968-8776-655443322110' };
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function bearerToken(authorization: string | undefined): string | undefined {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  return m?.[1];
}

export function actorFromToken(token: string): Actor {
  const parts = token.split('.');
  if (parts.length !== 3) return ANONYMOUS_CLIENT;
  try {
    const claims = JSON.parse(Buffer.from(parts[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
    const str = (k: string): string | undefined => (typeof claims[k] === 'string' && claims[k] !== '' ? (claims[k] as string) : undefined);
    const oid = str('oid');
    const upn = str('upn') ?? str('preferred_username');
    return {
      name: str('name') ?? upn ?? str('appid') ?? ANONYMOUS_CLIENT.name,
      objectId: oid && GUID.test(oid) ? oid : undefined,
      userPrincipalName: upn,
      email: str('email') ?? upn,
    };
  } catch {
    return ANONYMOUS_CLIENT;
  }
}
