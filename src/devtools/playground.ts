/**
 * Starts the Microsoft 365 Agents Playground (a local Teams-like chat client) next to
 * the bot, for a newcomer's first `npm start`. It is a dev dependency: when it is not
 * installed (a production install), the bot says so and runs without it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { processEnv } from '../config';
import type { Logger } from '../logging';
import { PROJECT_ROOT } from '../projectRoot';

export const PLAYGROUND_CONFIG = path.join(PROJECT_ROOT, '.m365agentsplayground.yml');

export interface PlaygroundOptions {
  botEndpoint: string;
  port: number;
  logger: Logger;
  logFile?: string;
}

export interface RunningPlayground {
  url: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

export function playgroundCli(): string | undefined {
  try {
    return require.resolve('@microsoft/m365agentsplayground/cli.js', { paths: [PROJECT_ROOT] });
  } catch {
    return undefined;
  }
}

export function startPlayground(options: PlaygroundOptions): RunningPlayground | undefined {
  const cli = playgroundCli();
  if (!cli) {
    options.logger.warn('The Agents Playground is not installed (npm ci installs it); running the bot without it.');
    return undefined;
  }
  const logFile = options.logFile ?? path.join(PROJECT_ROOT, '.data', 'playground.log');
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  const child = spawn(
    process.execPath,
    [cli, 'start', '--app-endpoint', options.botEndpoint, '--channel-id', 'msteams', '--port', String(options.port), '--disable-telemetry'],
    {
      cwd: PROJECT_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...processEnv(),
        // Never open a browser from a server process; we print the URL instead.
        TEAMSAPPTESTER_BROWSER: 'none',
        M365_AGENTS_PLAYGROUND_CONFIG_PATH: PLAYGROUND_CONFIG,
        M365_AGENTS_PLAYGROUND_LOGFILE: logFile,
      },
    },
  );
  const forward = (chunk: Buffer): void => {
    for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) options.logger.debug({ playground: line.trim() }, 'playground');
  };
  child.stdout?.on('data', forward);
  child.stderr?.on('data', forward);
  child.on('exit', (code) => {
    if (code) options.logger.warn({ code }, 'the Agents Playground stopped');
  });
  return {
    url: `http://localhost:${options.port}`,
    process: child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
