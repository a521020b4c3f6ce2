/**
 * Structured JSON logs. Secrets never reach a log line: authorization headers, tokens
 * and passwords are redacted wherever they appear, and callers log ids, not message text.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import pino, { type Logger } from 'pino';

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

export function runWithLogContext<T>(context: LogContext, fn: () => Promise<T>): Promise<T> {
  return turnContext.run(context, fn);
}

export function currentLogContext(): LogContext | undefined {
  return turnContext.getStore();
}

export function createLogger(options: { level?: string; name?: string; destination?: pino.DestinationStream } = {}): Logger {
  const opts: pino.LoggerOptions = {
    level: options.level ?? 'info',
    name: options.name,
    redact: { paths: REDACT, censor: '[redacted]' },
    base: undefined,
    timestamp: pino.stdTimeFunctions.isoTime,
    mixin: () => ({ ...turnContext.getStore() }),
  };
  return options.destination ? pino(opts, options.destination) : pino(opts);
}

/** A logger that drops everything: the default for library code and tests. */
export const silentLogger: Logger = pino({ level: 'silent' });
