/** Starts the emulator on a free port with a temporary data directory, and talks to it over HTTP. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import axios, { type AxiosResponse } from 'axios';
import { EMULATOR_DEFAULTS } from '../../../src/config';
import type { DemoUser } from '../../../src/demo/identities';
import { EMULATOR_CLIENT } from '../../../src/emulator/identity';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/startEmulator';
import { EmulatorControl } from './controlClient';

export const WS_PATH =
  `/subscriptions/${EMULATOR_DEFAULTS.subscriptionId}/resourceGroups/${EMULATOR_DEFAULTS.resourceGroup}` +
  `/providers/Microsoft.OperationalInsights/workspaces/${EMULATOR_DEFAULTS.workspaceName}/providers/Microsoft.SecurityInsights`;
export const API = 'api-version=2025-09-01';
export const QUERY_PATH = `/v1/workspaces/${EMULATOR_DEFAULTS.logAnalyticsWorkspaceId}/query`;

const part = (o: object): string => Buffer.from(JSON.stringify(o)).toString('base64url');

/**
 * Who calls, as an unsigned JWT naming a demo user. The harness has the emulator (the demo
 * tenant's identity provider) sign a token with these claims before sending it, as Entra would
 * issue one; the emulator itself refuses an unsigned token (use `rawToken` to send one).
 */
export function tokenFor(user: DemoUser): string {
  return `${part({ alg: 'none', typ: 'JWT' })}.${part({ oid: user.objectId, name: user.name, upn: user.userPrincipalName })}.`;
}

/** A token signed by the emulator at `url` for these claims (default: the emulator's own test client). */
export async function mintToken(url: string, claims: Record<string, string> = { oid: EMULATOR_CLIENT.objectId!, name: EMULATOR_CLIENT.name }, extra: { scope?: string; tenantId?: string; expiresInSeconds?: number } = {}): Promise<string> {
  const res = await axios.post<{ access_token: string }>(`${url}/_emulator/token`, { ...extra, scope: extra.scope ?? `${url}/.default`, claims });
  return res.data.access_token;
}

function claimsOfUnsigned(token: string): Record<string, string> | undefined {
  const [head, body] = token.split('.');
  try {
    if (JSON.parse(Buffer.from(head ?? '', 'base64url').toString('utf8')).alg !== 'none') return undefined;
    return JSON.parse(Buffer.from(body ?? '', 'base64url').toString('utf8')) as Record<string, string>;
  } catch {
    return undefined;
  }
}

export interface CallOptions {
  headers?: Record<string, string>;
  /** Who calls (tokenFor); null sends no token. Default: the emulator's own test client. */
  token?: string | null;
  /** Sent exactly as given, not signed by the emulator: for tests of refused tokens. */
  rawToken?: string;
}

export interface Harness {
  readonly emulator: RunningEmulator;
  readonly url: string;
  readonly dataDir: string;
  readonly control: EmulatorControl;
  call(method: string, pathAndQuery: string, body?: unknown, options?: CallOptions): Promise<AxiosResponse>;
  /** An ARM call below .../providers/Microsoft.SecurityInsights, with the api-version added. */
  arm(method: string, resource: string, body?: unknown, options?: CallOptions): Promise<AxiosResponse>;
  query(query: string, timespan?: string, options?: CallOptions): Promise<AxiosResponse>;
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export interface HarnessOptions {
  seed?: 'demo' | 'empty';
  dataDir?: string;
  now?: () => Date;
}

export const tempDataDir = (): string => fs.mkdtempSync(path.join(os.tmpdir(), 'sentinel-emulator-test-'));

/** `startHarness('demo')` is short for `startHarness({ seed: 'demo' })`. */
export async function startHarness(optionsOrSeed: HarnessOptions | 'demo' | 'empty' = {}): Promise<Harness> {
  const options = typeof optionsOrSeed === 'string' ? { seed: optionsOrSeed } : optionsOrSeed;
  const dataDir = options.dataDir ?? tempDataDir();
  const start = (): Promise<RunningEmulator> =>
    startEmulator({ config: { port: 0, host: '127.0.0.1', dataDir, seed: options.seed ?? 'empty' }, now: options.now });
  let emulator = await start();
  // One signed token per caller, as a client caches it; a restarted emulator has a new key.
  const signed = new Map<string, Promise<string>>();
  const signedFor = (claims: Record<string, string>): Promise<string> => {
    const key = JSON.stringify(claims);
    let token = signed.get(key);
    if (!token) signed.set(key, (token = mintToken(emulator.url, claims)));
    return token;
  };
  const h: Harness = {
    get emulator() {
      return emulator;
    },
    get url() {
      return emulator.url;
    },
    get control() {
      return new EmulatorControl(emulator.url);
    },
    dataDir,
    call: async (method, pathAndQuery, body, o = {}) => {
      const claims = o.token === undefined || o.token === null ? { oid: EMULATOR_CLIENT.objectId!, name: EMULATOR_CLIENT.name } : claimsOfUnsigned(o.token);
      const token = o.rawToken ?? (o.token === null ? null : claims ? await signedFor(claims) : o.token);
      return axios.request({
        method,
        url: `${emulator.url}${pathAndQuery}`,
        data: body,
        headers: { ...(token !== null ? { Authorization: `Bearer ${token}` } : {}), ...o.headers },
        validateStatus: () => true,
        maxRedirects: 0,
      });
    },
    arm: (method, resource, body, o) => h.call(method, `${WS_PATH}${resource}${resource.includes('?') ? '&' : '?'}${API}`, body, o),
    query: (query, timespan = 'P30D', o) => h.call('POST', QUERY_PATH, { query, timespan }, o),
    restart: async () => {
      await emulator.close();
      emulator = await start();
      signed.clear();
    },
    stop: async () => {
      await emulator.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return h;
}

/** The rows of a query answer as objects keyed by column name. */
export function rowsOf(res: AxiosResponse): Array<Record<string, unknown>> {
  const table = (res.data as { tables: Array<{ columns: Array<{ name: string }>; rows: unknown[][] }> }).tables[0]!;
  return table.rows.map((r) => Object.fromEntries(table.columns.map((c, i) => [c.name, r[i]])));
}

export const newIncident = (title: string, extra: Record<string, unknown> = {}): { properties: Record<string, unknown> } => ({
  properties: { title, severity: 'Medium', status: 'New', ...extra },
});

/** A GUID-shaped resource name made from a number, for readable tests. */
export const guid = (n: number, prefix = 'aaaaaaaa'): string => `${prefix}-0000-4000-8000-${String(n).padStart(12, '0')}`;
