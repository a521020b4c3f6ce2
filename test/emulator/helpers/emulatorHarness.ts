/** Starts the emulator on a free port with a temp data dir, and talks to it over HTTP. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import axios, { type AxiosResponse } from 'axios';
import { EMULATOR_DEFAULTS } from '../../../src/config';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/startEmulator';

export const WS_PATH =
  `/subscriptions/${EMULATOR_DEFAULTS.subscriptionId}/resourceGroups/${EMULATOR_DEFAULTS.resourceGroup}` +
  `/providers/Microsoft.OperationalInsights/workspaces/${EMULATOR_DEFAULTS.workspaceName}/providers/Microsoft.SecurityInsights`;
export const API = 'api-version=2025-09-01';
export const QUERY_PATH = `/v1/workspaces/${EMULATOR_DEFAULTS.logAnalyticsWorkspaceId}/query`;

export interface Harness {
  emulator: RunningEmulator;
  dataDir: string;
  /** Any HTTP call with a bearer token unless `auth: false`. */
  call(method: string, pathAndQuery: string, body?: unknown, headers?: Record<string, string>, auth?: boolean): Promise<AxiosResponse>;
  arm(method: string, resource: string, body?: unknown, headers?: Record<string, string>): Promise<AxiosResponse>;
  query(query: string, timespan?: string): Promise<AxiosResponse>;
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export async function startHarness(seed: 'demo' | 'empty' = 'demo', dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'emu-'))): Promise<Harness> {
  const start = (): Promise<RunningEmulator> => startEmulator({ config: { port: 0, host: '127.0.0.1', dataDir, seed } });
  let emulator = await start();
  const h: Harness = {
    get emulator() {
      return emulator;
    },
    dataDir,
    call: (method, pathAndQuery, body, headers = {}, auth = true) =>
      axios.request({
        method,
        url: `${emulator.url}${pathAndQuery}`,
        data: body,
        headers: { ...(auth ? { Authorization: 'Bearer test-token' } : {}), ...headers },
        validateStatus: () => true,
      }),
    arm: (method, resource, body, headers) => h.call(method, `${WS_PATH}${resource}${resource.includes('?') ? '&' : '?'}${API}`, body, headers),
    query: (query, timespan = 'P30D') => h.call('POST', QUERY_PATH, { query, timespan }),
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

/** Rows of a query answer as objects keyed by column name. */
export function rowsOf(res: AxiosResponse): Array<Record<string, unknown>> {
  const table = (res.data as { tables: Array<{ columns: Array<{ name: string }>; rows: unknown[][] }> }).tables[0]!;
  return table.rows.map((r) => Object.fromEntries(table.columns.map((c, i) => [c.name, r[i]])));
}

export const newIncident = (title: string, extra: Record<string, unknown> = {}): { properties: Record<string, unknown> } => ({
  properties: { title, severity: 'Medium', status: 'New', ...extra },
});
