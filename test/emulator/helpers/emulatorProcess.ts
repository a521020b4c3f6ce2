/** Runs `src/emulator/main.ts` as a real separate process (TypeScript transpiled on load). */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const TS_REGISTER = path.join(ROOT, 'bench', 'emulator', 'tsRegister.js');
const MAIN = path.join(ROOT, 'src', 'emulator', 'main.ts');

export interface EmulatorProcess {
  child: ChildProcess;
  /** Resolves with the URL from the start-up line, or rejects when the process ends first. */
  url: Promise<string>;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
}

export function spawnEmulator(dataDir: string, args: string[] = [], env: Record<string, string> = {}): EmulatorProcess {
  const child = spawn(process.execPath, ['-r', TS_REGISTER, MAIN, ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', SENTINEL_EMULATOR_DATA_DIR: dataDir, SENTINEL_EMULATOR_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  const url = new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', () => {
      const m = /listening on (http:\/\/\S+)/.exec(stdout);
      if (m) resolve(m[1]!);
    });
    void exit.then((e) => reject(new Error(`the emulator exited (${String(e.code ?? e.signal)}) before listening: ${e.stderr}`)));
  });
  url.catch(() => undefined);
  return { child, url, exit };
}
