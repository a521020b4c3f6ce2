/**
 * The emulator for throughput runs: the same server, without Log Analytics' per-caller limits
 * (200 requests per 30 s, 5 at once), which would otherwise answer most of a load test 429 and
 * measure the throttling instead of the work, and without its result cache, so that every
 * query is run (the floors and the bot alike). Arguments: port, data directory.
 */
import { startEmulator } from '../../src/emulator/startEmulator';

const [port = '0', dataDir = ''] = process.argv.slice(2);
startEmulator({
  config: { port: Number(port), host: '127.0.0.1', dataDir, seed: 'demo' },
  queryFidelity: { requestsPerWindow: Number.MAX_SAFE_INTEGER, concurrentQueries: Number.MAX_SAFE_INTEGER, cacheTtlMs: 0 },
}).catch((err: unknown) => {
  process.stderr.write(`bench emulator failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
