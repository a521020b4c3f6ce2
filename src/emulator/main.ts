/**
 * `npm run emulator`: the local Sentinel + Log Analytics emulator on its own.
 * Settings come from the environment (SENTINEL_EMULATOR_*), read by src/config.ts.
 * Flags: --reset wipes the data directory first; --empty starts without the demo data.
 */
import fs from 'node:fs';
import { ConfigError, loadEmulatorConfig, processEnv, type EmulatorConfig } from '../config';
import { createLogger } from '../logging';
import { startEmulator } from './startEmulator';

const USAGE = 'Usage: npm run emulator -- [--reset] [--empty]\n  --reset  delete the data directory first (all incidents and audit records)\n  --empty  start without the demo incidents\n';

function parseFlags(args: readonly string[]): { reset: boolean; empty: boolean; help: boolean } {
  const known = new Set(['--reset', '--empty', '--help', '-h']);
  const unknown = args.filter((a) => !known.has(a));
  if (unknown.length) throw new ConfigError([`unknown option ${unknown.join(', ')}`]);
  return { reset: args.includes('--reset'), empty: args.includes('--empty'), help: args.includes('--help') || args.includes('-h') };
}

async function main(): Promise<void> {
  let config: EmulatorConfig;
  let flags: ReturnType<typeof parseFlags>;
  try {
    flags = parseFlags(process.argv.slice(2));
    config = loadEmulatorConfig(processEnv());
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`${err.message}\n${USAGE}`);
    process.exit(2);
  }
  if (flags.help) {
    process.stdout.write(USAGE);
    return;
  }
  if (flags.empty) config = { ...config, seed: 'empty' };
  if (flags.reset) fs.rmSync(config.dataDir, { recursive: true, force: true });
  const logger = createLogger({ name: 'sentinel-emulator', level: 'warn' });
  const emulator = await startEmulator({ config, logger });
  process.stdout.write(
    `Sentinel emulator listening on ${emulator.url} (ARM and /v1/workspaces/{id}/query), ` +
      `data in ${config.dataDir} (${emulator.store.incidents().length} incidents, ${emulator.store.auditTable.size} audit records), ` +
      `audit records queryable ${config.ingestionDelayMs ? `${config.ingestionDelayMs} ms after a change` : 'at once'}\n`,
  );
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    void emulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`The Sentinel emulator could not start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
