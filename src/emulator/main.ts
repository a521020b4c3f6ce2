/**
 * `npm run emulator`: the local Sentinel + Log Analytics emulator on its own.
 * Flags: --reset wipes the data directory first; --empty starts without demo data.
 */
import fs from 'node:fs';
import { ConfigError, loadEmulatorConfig, processEnv } from '../config';
import { createLogger } from '../logging';
import { startEmulator } from './startEmulator';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  let config;
  try {
    config = loadEmulatorConfig(processEnv());
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
  if (args.includes('--empty')) config = { ...config, seed: 'empty' as const };
  if (args.includes('--reset')) fs.rmSync(config.dataDir, { recursive: true, force: true });
  const logger = createLogger({ name: 'sentinel-emulator' });
  const emulator = await startEmulator({ config, logger });
  logger.info(
    { url: emulator.url, dataDir: config.dataDir, incidents: emulator.store.listIncidents().length, auditRecords: emulator.store.auditTable.size },
    `Sentinel emulator listening on ${emulator.url} (ARM routes and /v1/workspaces/{id}/query)`,
  );
  const stop = (): void => {
    void emulator.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`The emulator could not start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
