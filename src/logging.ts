/**
 * Structured JSON logs. Secrets never reach a log line: authorization headers, tokens
 * and passwords are redacted by key, every line is scrubbed of anything shaped like a token
 * as it is written, and callers log ids, not message text.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { format } from 'node:util';
import pino, { type Logger } from 'pino';
import { scrubSecrets } from './secrets';

export type { Logger };

const REDACT = [
  'authorization',
  '*.authorization',
  '*.*.authorization',
  'headers.authorization',
  '*.headers.authorization',
  'token',
  '*.token',
  'accessToken',
  '*.accessToken',
  'password',
  '*.password',
  'appPassword',
  '*.appPassword',
  'connectionString',
  '*.connectionString',
];

/** Ids that tie every log line of one turn together, whichever module writes it. */
export interface LogContext {
  correlationId: string;
  activityId?: string;
  conversationId?: string;
  activityType?: string;
}

const turnContext = new AsyncLocalStorage<LogContext>();

/** Runs `fn` with these ids on every log line it writes; nested contexts add to the outer one. */
export function runWithLogContext<T>(context: Partial<LogContext>, fn: () => Promise<T>): Promise<T> {
  const outer = turnContext.getStore();
  const merged = { ...outer, ...context } as LogContext;
  if (!merged.correlationId) merged.correlationId = outer?.correlationId ?? '';
  return turnContext.run(merged, fn);
}

export function currentLogContext(): LogContext | undefined {
  return turnContext.getStore();
}

export function createLogger(options: { level?: string; name?: string; destination?: pino.DestinationStream } = {}): Logger {
  const opts: pino.LoggerOptions = {
    level: options.level ?? 'info',
    name: options.name,
    redact: { paths: REDACT, censor: '[redacted]' },
    // The paths above catch known keys; a token inside an error's message or stack, or an HTTP
    // client's error carrying its request, is cut out of the line as it is written.
    hooks: { streamWrite: scrubSecrets },
    base: undefined,
    timestamp: pino.stdTimeFunctions.isoTime,
    mixin: () => ({ ...turnContext.getStore() }),
  };
  return options.destination ? pino(opts, options.destination) : pino(opts);
}

/** A logger that drops everything: the default for library code and tests. */
export const silentLogger: Logger = pino({ level: 'silent' });

type ConsoleMethod = 'log' | 'info' | 'warn' | 'error' | 'debug' | 'trace';
const CONSOLE_LEVELS: Record<ConsoleMethod, 'info' | 'warn' | 'error' | 'debug'> = {
  log: 'info',
  info: 'info',
  warn: 'warn',
  error: 'error',
  debug: 'debug',
  trace: 'debug',
};

/**
 * Libraries (botbuilder above all) print straight to the console: raw stack traces and
 * token-check chatter. This sends every console call through `logger` instead, as one JSON
 * line carrying the turn's correlation id. Returns a function that puts the console back.
 */
/* eslint-disable no-console -- this is the one place that takes the console over */
export function routeConsoleTo(logger: Logger): () => void {
  const saved = new Map<ConsoleMethod, (...args: unknown[]) => void>();
  for (const method of Object.keys(CONSOLE_LEVELS) as ConsoleMethod[]) {
    saved.set(method, console[method]);
    const level = CONSOLE_LEVELS[method];
    console[method] = (...args: unknown[]): void => {
      const err = args.find((a): a is Error => a instanceof Error);
      const text = args.filter((a) => a !== err);
      const msg = text.length ? format(...text) : (err?.message ?? '');
      if (err) logger[level]({ source: 'console', err }, msg);
      else logger[level]({ source: 'console' }, msg);
    };
  }
  return () => {
    for (const [method, fn] of saved) console[method] = fn;
  };
}
/* eslint-enable no-console */

/**
 * What Node itself would print to stderr as plain text: process warnings (deprecations and
 * the like), promise rejections nobody handled, and exceptions nobody caught. Each becomes
 * a JSON line instead. A stray rejection is logged and the bot keeps serving; an uncaught
 * exception leaves the process in an unknown state, so it is logged and the process exits.
 */
export function routeProcessEventsTo(logger: Logger, exit: (code: number) => void = (code) => process.exit(code)): void {
  // Node prints warnings from a listener of its own; replacing the listeners replaces the printing.
  process.removeAllListeners('warning');
  process.on('warning', (warning) => logger.warn({ source: 'process', warning: { name: warning.name, message: warning.message, code: (warning as NodeJS.ErrnoException).code } }, 'process warning'));
  process.on('unhandledRejection', (reason) => logger.error({ source: 'process', err: reason instanceof Error ? reason : { message: String(reason) } }, 'unhandled promise rejection'));
  process.on('uncaughtException', (err) => {
    logger.fatal({ source: 'process', err }, 'uncaught exception: stopping');
    exit(1);
  });
}
