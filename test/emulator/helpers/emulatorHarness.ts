/** Starts the emulator on a free port with a temporary data directory, and talks to it over HTTP. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import axios, { type AxiosResponse } from 'axios';
import { EMULATOR_DEFAULTS } from '../../../src/config';
import type { DemoUser } from '../../../src/demo/identities';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/startEmulator';
import { EmulatorControl } from './controlClient';

export const WS_PATH =
  `/subscriptions/${EMULATOR_DEFAULTS.subscriptionId}/resourceGroups/${EMULATOR_DEFAULTS.resourceGroup}` +
  `/providers/Microsoft.OperationalInsights/workspaces/${EMULATOR_DEFAULTS.workspaceName}/providers/Microsoft.SecurityInsights`;
export const API = 'api-version=2025-09-01';
export const QUERY_PATH = `/v1/workspaces/${EMULATOR_DEFAULTS.logAnalyticsWorkspaceId}/query`;

/** An unsigned JWT naming a demo user, as Entra would (the emulator reads, never verifies, it). */
export function tokenFor(user: DemoUser): string {
  const part = (o: object): string => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${part({ alg: 'none', typ: 'JWT' })}.${part({ oid: user.objectId, name: user.name, upn: user.userPrincipalName })}.`;
}

export interface CallOptions {
  headers?: Record<string, string>;
  /** The bearer token; null sends none. Default: an opaque token (the fixed emulator client). */
  token?: string | null;
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
    call: (method, pathAndQuery, body, o = {}) => {
      const token = o.token === undefined ? 'test-token' : o.token;
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
