/**
 * A local stand-in for Microsoft Entra ID's token endpoint, over HTTPS with a certificate
 * made here by openssl (MSAL talks to https authorities only). It answers the on-behalf-of
 * grant: with an access token naming the person of the assertion (the claims the Sentinel
 * emulator reads), or with the error Entra gives when the assertion expired, consent is
 * missing, or a conditional-access policy wants more (a claims challenge).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';

/** `unavailable` and `throttled`: an outage (503) or throttling (429), each with Retry-After: 1; `hang`: no answer at all. */
export type EntraAnswer = 'token' | 'expired' | 'consent' | 'claims' | 'unavailable' | 'throttled' | 'hang';

export interface OboRequest {
  tenant: string;
  clientId: string;
  scope: string;
  /** The object id in the assertion (the person's Teams token). */
  oid: string;
  answer: EntraAnswer;
}

export interface FakeEntra {
  authorityHost: string;
  /** The certificate to trust (PEM); it is its own CA. */
  ca: string;
  requests: OboRequest[];
  /** How Entra answers the exchanges for this person (object id) from now on. */
  answerFor(oid: string, answer: EntraAnswer): void;
  /**
   * Where the access tokens are signed: the Sentinel emulator's identity provider, which checks
   * them as ARM does (Entra's own keys are not to be had offline). Until set, tokens are unsigned.
   */
  signWith(emulatorUrl: string): void;
  close(): Promise<void>;
}

const b64url = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');

/** An unsigned JWT: a Teams token as the bot reads it (Entra, here faked, is what verifies it). */
export function unsignedJwt(claims: Record<string, unknown>): string {
  return `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url(claims)}.`;
}

function selfSignedCertificate(): { key: string; cert: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fake-entra-'));
  try {
    const key = path.join(dir, 'key.pem');
    const cert = path.join(dir, 'cert.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
    return { key: fs.readFileSync(key, 'utf8'), cert: fs.readFileSync(cert, 'utf8') };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function claimsOf(jwt: string): Record<string, unknown> {
  try {
    return JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    return {};
  }
}

/** Entra's error bodies, with the codes it really uses for each case. */
const ERRORS: Record<Exclude<EntraAnswer, 'token' | 'unavailable' | 'throttled' | 'hang'>, Record<string, unknown>> = {
  expired: { error: 'invalid_grant', error_description: 'AADSTS500133: Assertion is not within its valid time range.', error_codes: [500133] },
  consent: { error: 'invalid_grant', error_description: 'AADSTS65001: The user or administrator has not consented to use the application.', error_codes: [65001], suberror: 'consent_required' },
  claims: {
    error: 'interaction_required',
    error_description: 'AADSTS50076: Due to a configuration change made by your administrator, you must use multi-factor authentication.',
    error_codes: [50076],
    claims: '{"access_token":{"capolids":{"essential":true,"values":["c1"]}}}',
  },
};

export async function startFakeEntra(): Promise<FakeEntra> {
  const { key, cert } = selfSignedCertificate();
  const answers = new Map<string, EntraAnswer>();
  const requests: OboRequest[] = [];
  let base = '';
  let signer: string | undefined;
  const accessTokenFor = async (claims: Record<string, unknown>, resource: string, tenant: string): Promise<string> => {
    if (!signer) return unsignedJwt(claims);
    const named = Object.fromEntries(['oid', 'name', 'upn'].filter((k) => typeof claims[k] === 'string').map((k) => [k, claims[k] as string]));
    const res = await fetch(`${signer}/_emulator/token`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ scope: resource, claims: named, tenantId: tenant }) });
    return ((await res.json()) as { access_token: string }).access_token;
  };
  const server = https.createServer({ key, cert }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', base);
      const tenant = url.pathname.split('/')[1] ?? '';
      res.setHeader('Content-Type', 'application/json');
      if (req.method === 'GET' && url.pathname.endsWith('/.well-known/openid-configuration')) {
        res.end(
          JSON.stringify({
            issuer: `${base}/${tenant}/v2.0`,
            authorization_endpoint: `${base}/${tenant}/oauth2/v2.0/authorize`,
            token_endpoint: `${base}/${tenant}/oauth2/v2.0/token`,
            end_session_endpoint: `${base}/${tenant}/oauth2/v2.0/logout`,
            jwks_uri: `${base}/${tenant}/discovery/v2.0/keys`,
          }),
        );
        return;
      }
      if (req.method === 'POST' && url.pathname.endsWith('/oauth2/v2.0/token')) {
        const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
        const person = claimsOf(form.get('assertion') ?? '');
        const oid = typeof person.oid === 'string' ? person.oid : '';
        const scope = form.get('scope') ?? '';
        const answer = form.get('requested_token_use') === 'on_behalf_of' ? (answers.get(oid) ?? 'token') : 'consent';
        requests.push({ tenant, clientId: form.get('client_id') ?? '', scope, oid, answer });
        if (answer === 'hang') return;
        if (answer === 'unavailable' || answer === 'throttled') {
          res.writeHead(answer === 'unavailable' ? 503 : 429, { 'Retry-After': '1' });
          res.end(JSON.stringify({ error: answer === 'unavailable' ? 'temporarily_unavailable' : 'throttled', error_description: 'AADSTS90033: A transient error has occurred. Please try again.' }));
          return;
        }
        if (answer !== 'token') {
          res.writeHead(400);
          res.end(JSON.stringify({ ...ERRORS[answer], timestamp: new Date().toISOString(), trace_id: 't', correlation_id: 'c' }));
          return;
        }
        const resource = scope.split(' ').find((s) => s.endsWith('/.default'))?.replace(/\/\.default$/, '') ?? '';
        const now = Math.floor(Date.now() / 1000);
        const tid = typeof person.tid === 'string' ? person.tid : tenant;
        void accessTokenFor({ aud: resource, iss: `https://sts.windows.net/${tid}/`, tid, oid, name: person.name, upn: person.upn, iat: now, nbf: now, exp: now + 3600 }, resource, tid).then(
          (accessToken) => res.end(JSON.stringify({ token_type: 'Bearer', scope, expires_in: 3600, ext_expires_in: 3600, access_token: accessToken })),
          () => {
            res.writeHead(500);
            res.end(JSON.stringify({ error: 'server_error' }));
          },
        );
        return;
      }
      res.writeHead(404);
      res.end(JSON.stringify({ error: 'not_found' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    authorityHost: base,
    ca: cert,
    requests,
    answerFor: (oid, answer) => {
      answers.set(oid.toLowerCase(), answer);
    },
    signWith: (emulatorUrl) => {
      signer = emulatorUrl;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
