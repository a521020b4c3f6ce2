/**
 * The emulator as the demo tenant's identity provider: it issues signed access tokens (its own
 * key, HS256, made when it starts) and checks every bearer token as ARM and Log Analytics do:
 * signature, expiry, issuer tenant and audience. What a check refuses is answered by the server
 * in the shape of the API that was called (server.ts, authErrors.ts).
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { DEMO_TENANT_ID } from '../demo/identities';

/** The claims a caller may ask for; tenant, issuer and times are the issuer's to set. */
export interface TokenRequest {
  scope: string;
  /** oid, name, upn, appid: who the token is for. */
  claims: Record<string, string>;
  /** Another tenant's token (a guest's home tenant, a misconfigured app): ARM refuses it. */
  tenantId?: string;
  /** Lifetime; a negative one issues a token already expired (for tests of refresh). */
  expiresInSeconds?: number;
}

export interface IssuedToken {
  token_type: 'Bearer';
  access_token: string;
  expires_in: number;
  ext_expires_in: number;
}

export const TOKEN_LIFETIME_SECONDS = 3600;
/** Entra and ARM allow this much clock skew on nbf and exp. */
const SKEW_SECONDS = 300;

export type TokenFailure =
  | { kind: 'invalid' }
  | { kind: 'expired'; expiredAt: Date; now: Date }
  | { kind: 'notYetValid' }
  | { kind: 'wrongTenant'; issuer: string }
  | { kind: 'wrongAudience'; audience: string };

export type TokenCheck = { ok: true; claims: Record<string, unknown> } | { ok: false; failure: TokenFailure };

/** The audiences each API accepts besides its own address (a token for the public cloud's name of it). */
export const ARM_AUDIENCES = ['https://management.core.windows.net/', 'https://management.core.windows.net', 'https://management.azure.com/', 'https://management.azure.com'];
export const QUERY_AUDIENCES = ['https://api.loganalytics.io', 'https://api.loganalytics.io/', 'https://api.loganalytics.azure.com', 'https://api.loganalytics.azure.com/'];

export const issuerOf = (tenantId: string): string => `https://sts.windows.net/${tenantId}/`;

const b64 = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');

export class TokenIssuer {
  private key: Buffer;

  constructor(
    private readonly now: () => Date,
    readonly tenantId: string = DEMO_TENANT_ID,
    key?: Buffer,
  ) {
    this.key = key ?? randomBytes(32);
  }

  issue(request: TokenRequest): IssuedToken {
    const nowS = Math.floor(this.now().getTime() / 1000);
    const lifetime = request.expiresInSeconds ?? TOKEN_LIFETIME_SECONDS;
    const tenant = (request.tenantId ?? this.tenantId).toLowerCase();
    const aud = request.scope.replace(/\/\.default$/, '');
    const payload = { ...request.claims, aud, iss: issuerOf(tenant), tid: tenant, iat: nowS, nbf: Math.min(nowS, nowS + lifetime), exp: nowS + lifetime, ver: '1.0' };
    const unsigned = `${b64({ typ: 'JWT', alg: 'HS256', kid: 'emulator' })}.${b64(payload)}`;
    return { token_type: 'Bearer', access_token: `${unsigned}.${this.sign(unsigned)}`, expires_in: lifetime, ext_expires_in: lifetime };
  }

  /**
   * A new signing key: every token issued before is refused from now on, as when Entra revokes
   * a session or rolls its keys. Clients must fetch a fresh token (and do, after one 401).
   */
  rotate(): void {
    this.key = randomBytes(32);
  }

  /** `audiences`: what the called API accepts (its own base URL is added by the caller). */
  check(token: string, audiences: readonly string[]): TokenCheck {
    const parts = token.split('.');
    if (parts.length !== 3) return { ok: false, failure: { kind: 'invalid' } };
    const [head, body, signature] = parts as [string, string, string];
    const header = parseJson(head);
    if (header?.alg !== 'HS256') return { ok: false, failure: { kind: 'invalid' } };
    const expected = Buffer.from(this.sign(`${head}.${body}`));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, failure: { kind: 'invalid' } };
    const claims = parseJson(body);
    if (!claims || typeof claims.exp !== 'number' || typeof claims.iss !== 'string') return { ok: false, failure: { kind: 'invalid' } };
    const now = this.now();
    const nowS = now.getTime() / 1000;
    if (claims.exp + SKEW_SECONDS <= nowS) return { ok: false, failure: { kind: 'expired', expiredAt: new Date(claims.exp * 1000), now } };
    if (typeof claims.nbf === 'number' && claims.nbf - SKEW_SECONDS > nowS) return { ok: false, failure: { kind: 'notYetValid' } };
    if (claims.iss.toLowerCase() !== issuerOf(this.tenantId).toLowerCase()) return { ok: false, failure: { kind: 'wrongTenant', issuer: claims.iss } };
    const aud = typeof claims.aud === 'string' ? claims.aud : '';
    if (!audiences.some((a) => a.toLowerCase() === aud.toLowerCase())) return { ok: false, failure: { kind: 'wrongAudience', audience: aud } };
    return { ok: true, claims };
  }

  private sign(unsigned: string): string {
    return createHmac('sha256', this.key).update(unsigned).digest('base64url');
  }
}

function parseJson(part: string): Record<string, unknown> | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(part)) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** A token request as the control API takes it: JSON, strings only, a bounded lifetime. */
export function parseTokenRequest(body: unknown): TokenRequest | string {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'Send {"scope": "...", "claims": {"oid": "...", "name": "..."}}.';
  const b = body as Record<string, unknown>;
  if (typeof b.scope !== 'string' || b.scope.trim() === '') return '"scope" is required.';
  const claims: Record<string, string> = {};
  if (typeof b.claims !== 'object' || b.claims === null || Array.isArray(b.claims)) return '"claims" must be an object of strings.';
  for (const [k, v] of Object.entries(b.claims as Record<string, unknown>)) {
    if (['aud', 'iss', 'tid', 'exp', 'nbf', 'iat'].includes(k)) continue;
    if (typeof v !== 'string') return `claim "${k}" must be a string.`;
    claims[k] = v;
  }
  const request: TokenRequest = { scope: b.scope.trim(), claims };
  if (b.tenantId !== undefined) {
    if (typeof b.tenantId !== 'string' || !/^[0-9a-f-]{36}$/i.test(b.tenantId)) return '"tenantId" must be a GUID.';
    request.tenantId = b.tenantId;
  }
  if (b.expiresInSeconds !== undefined) {
    if (typeof b.expiresInSeconds !== 'number' || !Number.isInteger(b.expiresInSeconds) || Math.abs(b.expiresInSeconds) > 86_400) return '"expiresInSeconds" must be an integer within a day.';
    request.expiresInSeconds = b.expiresInSeconds;
  }
  return request;
}

