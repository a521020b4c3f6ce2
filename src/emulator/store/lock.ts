/**
 * One emulator per data directory: two processes appending to one journal would interleave
 * their transactions. The lock file holds the owner's pid; a lock left behind by a process
 * that no longer runs is taken over.
 */
import fs from 'node:fs';
import path from 'node:path';

export const LOCK_FILE = 'emulator.lock';

export class DataDirLockedError extends Error {
  readonly code = 'DATA_DIR_LOCKED';
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `The emulator data directory ${dataDir} is in use by another process (pid ${pid}). ` +
        'Stop that emulator, or set SENTINEL_EMULATOR_DATA_DIR to another directory.',
    );
    this.name = 'DataDirLockedError';
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readPid(file: string): number | undefined {
  try {
    const pid = Number(fs.readFileSync(file, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

/** Takes the lock of `dataDir` (which must exist) and returns the function that releases it. */
export function acquireDataDirLock(dataDir: string): () => void {
  const file = path.join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 3; attempt++) {
    let fd: number;
    try {
      fd = fs.openSync(file, 'wx');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = readPid(file);
      // Our own pid: another emulator in this very process holds it (tests, a second start).
      if (pid !== undefined && (pid === process.pid || isRunning(pid))) throw new DataDirLockedError(dataDir, pid);
      fs.rmSync(file, { force: true });
      continue;
    }
    fs.writeSync(fd, `${process.pid}\n`);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    return () => {
      if (readPid(file) === process.pid) fs.rmSync(file, { force: true });
    };
  }
  throw new DataDirLockedError(dataDir, readPid(file) ?? 0);
}
