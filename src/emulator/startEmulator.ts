/**
 * Starts the local Sentinel + Log Analytics emulator: opens (or seeds) the workspace in the
 * data directory and serves it over HTTP. Used by `npm run emulator`, by the bot's
 * `npm start` in emulator mode, and by tests (port 0, a temporary data directory).
 */
import { EMULATOR_DEFAULTS, type EmulatorConfig } from '../config';
import { silentLogger, type Logger } from '../logging';
import type { WorkspaceIdentity } from './model';
import { seedDemoWorkspace } from './seed/demoData';
import { SERVICE_QUERY_FIDELITY, type QueryFidelitySettings } from './query/queryService';
import { createEmulatorServer } from './server';
import { WorkspaceStore } from './store/workspaceStore';

/** The one workspace the emulator serves. */
export const EMULATOR_WORKSPACE: Readonly<WorkspaceIdentity> = {
  subscriptionId: EMULATOR_DEFAULTS.subscriptionId,
  resourceGroup: EMULATOR_DEFAULTS.resourceGroup,
  workspaceName: EMULATOR_DEFAULTS.workspaceName,
  logAnalyticsWorkspaceId: EMULATOR_DEFAULTS.logAnalyticsWorkspaceId,
};

export interface StartEmulatorOptions {
  config: EmulatorConfig;
  logger?: Logger;
  /** The clock for change times and KQL's now(); tests may fix it. */
  now?: () => Date;
  /**
   * The query API's limits and timing, the service's by default. Tests lower them (a row
   * limit of 10 instead of 500,000) to see the behaviour without producing that much data.
   */
  queryFidelity?: Partial<QueryFidelitySettings>;
}

export interface RunningEmulator {
  url: string;
  port: number;
  /** The workspace behind the HTTP API, for tests that inspect what was stored. */
  store: WorkspaceStore;
  close(): Promise<void>;
}

export async function startEmulator(options: StartEmulatorOptions): Promise<RunningEmulator> {
  const { config } = options;
  const logger = options.logger ?? silentLogger;
  const now = options.now ?? (() => new Date());
  const started = Date.now();
  const store = new WorkspaceStore({ dataDir: config.dataDir, workspace: EMULATOR_WORKSPACE, now });
  try {
    if (store.isEmpty && config.seed === 'demo') {
      seedDemoWorkspace(store, now());
      logger.info({ dataDir: config.dataDir }, 'Seeded the demo workspace (incidents 405207-405211)');
    }
    const queryFidelity: QueryFidelitySettings = { ...SERVICE_QUERY_FIDELITY, ingestionDelayMs: config.ingestionDelayMs ?? 0, ...options.queryFidelity };
    const server = createEmulatorServer({ store, host: config.host, port: config.port, dataDir: config.dataDir, logger, now, queryFidelity });
    const address = await server.listen();
    logger.debug({ ms: Date.now() - started, incidents: store.incidents().length, auditRecords: store.auditTable.size }, 'emulator loaded');
    let closing: Promise<void> | undefined;
    return {
      ...address,
      store,
      close: () =>
        (closing ??= (async () => {
          await server.close();
          store.close();
        })()),
    };
  } catch (err) {
    store.close();
    throw err;
  }
}
