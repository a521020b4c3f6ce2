/**
 * What the feed's process-level tests run against: the real emulator, Azurite for the shared
 * state and a local stand-in for the Teams connector, in one temporary folder.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmulator, type RunningEmulator } from '../../src/emulator/startEmulator';
import { startFakeConnector, type FakeConnector } from './fakeConnector';
import { startAzurite } from './processes';

export interface FeedWorld {
  dir: string;
  emulator: RunningEmulator;
  azurite: { connectionString: string; stop(): Promise<void> };
  connector: FakeConnector;
  stop(): Promise<void>;
}

export async function startFeedWorld(prefix: string): Promise<FeedWorld> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const emulator = await startEmulator({ config: { port: 0, host: '127.0.0.1', dataDir: path.join(dir, 'emulator'), seed: 'demo' } });
  const azurite = await startAzurite(path.join(dir, 'azurite'));
  const connector = await startFakeConnector();
  return {
    dir,
    emulator,
    azurite,
    connector,
    stop: async () => {
      await connector.close();
      await azurite.stop();
      await emulator.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
