/**
 * Who is calling, for createdBy, author and ModifiedBy: the claims of a token the server has
 * already checked (tokens.ts). A token naming nobody (no name, upn or appid) is the fixed
 * emulator client, the identity tests call with by default.
 */
import type { Actor } from './model';

export const EMULATOR_CLIENT_OBJECT_ID = 'f0e1d2c3-b4a5-4968-8776-655443322110';

export const EMULATOR_CLIENT: Readonly<Actor> = {
  name: 'Sentinel emulator client',
  objectId: EMULATOR_CLIENT_OBJECT_ID,
};

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The token of an `Authorization: Bearer <token>` header, or undefined. */
export function bearerToken(authorization: string | undefined): string | undefined {
  const m = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(authorization ?? '');
  return m?.[1];
}

function claims(token: string): Record<string, unknown> | undefined {
  const parts = token.split('.');
  if (parts.length !== 3 || !/^[A-Za-z0-9_-]+$/.test(parts[1] ?? '')) return undefined;
  try {
    const payload: unknown = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8'));
    return typeof payload === 'object' && payload !== null && !Array.isArray(payload) ? (payload as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export function callerFromToken(token: string): Actor {
  const c = claims(token);
  if (!c) return { ...EMULATOR_CLIENT };
  const str = (k: string): string | undefined => {
    const v = c[k];
    return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
  };
  const oid = str('oid');
  const principal = str('upn') ?? str('preferred_username') ?? str('appid');
  const actor: Actor = { name: str('name') ?? principal ?? EMULATOR_CLIENT.name };
  // ClientInfo.objectId is a uuid in the swagger: a malformed oid is left out, not echoed.
  if (oid && GUID.test(oid)) actor.objectId = oid.toLowerCase();
  if (principal) actor.userPrincipalName = principal;
  const email = str('email') ?? (str('upn') ?? str('preferred_username'));
  if (email && email.includes('@')) actor.email = email;
  return actor;
}
