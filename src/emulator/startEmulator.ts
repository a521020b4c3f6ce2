/**
 * Starts the local Sentinel + Log Analytics emulator: opens (or seeds) the workspace in
 * the data directory and serves it over HTTP. Used by `npm run emulator`, by `npm start`
 * in emulator mode, and by the tests.
 */
import { EMULATOR_DEFAULTS, type EmulatorConfig } from '../config';
import type { Logger } from '../logging';
import { silentLogger } from '../logging';
import { createEmulatorServer } from './http/emulatorServer';
import type { WorkspaceIdentity } from './model';
import { seedDemoWorkspace } from './seed/demoData';
import { WorkspaceStore } from './store/workspaceStore';

export const DEFAULT_WORKSPACE: WorkspaceIdentity = {
  subscriptionId: EMULATOR_DEFAULTS.subscriptionId,
  resourceGroup: EMULATOR_DEFAULTS.resourceGroup,
  workspaceName: EMULATOR_DEFAULTS.workspaceName,
  logAnalyticsWorkspaceId: EMULATOR_DEFAULTS.logAnalyticsWorkspaceId,
};

export interface RunningEmulator {
  url: string;
  port: number;
  store: WorkspaceStore;
  close(): Promise<void>;
}

export async function startEmulator(options: { config: EmulatorConfig; logger?: Logger; now?: () => Date }): Promise<RunningEmulator> {
  const logger = options.logger ?? silentLogger;
  const now = options.now ?? (() => new Date());
  const store = new WorkspaceStore(options.config.dataDir, DEFAULT_WORKSPACE, now);
  if (store.isEmpty && options.config.seed === 'demo') {
    seedDemoWorkspace(store, now());
    logger.info({ dataDir: options.config.dataDir }, 'seeded the demo workspace (incident 405211 and others)');
  }
  const server = createEmulatorServer({ store, host: options.config.host, port: options.config.port, logger, now });
  let address: { url: string; port: number };
  try {
    address = await server.listen();
  } catch (err) {
    store.close();
    throw err;
  }
  let closed = false;
  return {
    ...address,
    store,
    close: async () => {
      if (closed) return;
      closed = true;
      await server.close();
      store.close();
    },
  };
}
