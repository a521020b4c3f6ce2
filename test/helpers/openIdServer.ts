/**
 * A local stand-in for the Bot Framework's OpenID metadata and signing keys
 * (login.botframework.com): serves an OpenID configuration and a JWKS built from RSA keys
 * generated here, and signs tokens as the channel service would. It can be switched off
 * (connection refused) and back on at the same address, to test an outage and recovery.
 */
import { createSign, createHmac, generateKeyPairSync, type KeyObject } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  publicJwk: { kty: string; n: string; e: string };
  /** Channels this key may sign for (the Bot Framework's "endorsements"). */
  endorsements: string[];
}

export function generateSigningKey(kid: string, endorsements: string[] = ['msteams']): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = publicKey.export({ format: 'jwk' }) as { kty: string; n: string; e: string };
  return { kid, privateKey, publicJwk: { kty: jwk.kty, n: jwk.n, e: jwk.e }, endorsements };
}

const b64url = (data: Buffer | string): string => Buffer.from(data).toString('base64url');

/** A compact JWS, signed RS256 with `key` unless the header says otherwise. */
export function signToken(payload: Record<string, unknown>, key: SigningKey, header: Record<string, unknown> = {}): string {
  const h = { alg: 'RS256', typ: 'JWT', kid: key.kid, ...header };
  const input = `${b64url(JSON.stringify(h))}.${b64url(JSON.stringify(payload))}`;
  if (h.alg === 'none') return `${input}.`;
  if (h.alg === 'HS256') return `${input}.${createHmac('sha256', Buffer.from(key.publicJwk.n)).update(input).digest('base64url')}`;
  const signer = createSign('RSA-SHA256');
  signer.update(input);
  return `${input}.${signer.sign(key.privateKey).toString('base64url')}`;
}

export interface OpenIdServer {
  metadataUrl: string;
  /** Requests served so far (metadata and keys). */
  hits(): number;
  setKeys(keys: SigningKey[]): void;
  /** Stop listening (callers get connection refused) or listen again on the same port. */
  setUp(up: boolean): Promise<void>;
  close(): Promise<void>;
}

export async function startOpenIdServer(keys: SigningKey[]): Promise<OpenIdServer> {
  let current = keys;
  let hits = 0;
  let port = 0;
  const handler = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    hits += 1;
    const base = `http://127.0.0.1:${port}`;
    if (req.url === '/v1/.well-known/openidconfiguration') {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ issuer: 'https://api.botframework.com', authorization_endpoint: `${base}/authorize`, jwks_uri: `${base}/v1/.well-known/keys`, id_token_signing_alg_values_supported: ['RS256'] }));
    } else if (req.url === '/v1/.well-known/keys') {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ keys: current.map((k) => ({ ...k.publicJwk, use: 'sig', kid: k.kid, endorsements: k.endorsements })) }));
    } else {
      res.writeHead(404);
      res.end();
    }
  };
  let server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  let up = true;
  const stop = (): Promise<void> =>
    new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return {
    metadataUrl: `http://127.0.0.1:${port}/v1/.well-known/openidconfiguration`,
    hits: () => hits,
    setKeys: (k) => {
      current = k;
    },
    setUp: async (wanted) => {
      if (wanted === up) return;
      if (!wanted) await stop();
      else {
        server = http.createServer(handler);
        await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
      }
      up = wanted;
    },
    close: async () => {
      if (up) await stop();
      up = false;
    },
  };
}
