/**
 * The turn being handled, for code deep in the bot that has something to add to its
 * telemetry (a failure's code) without being handed the Telemetry object.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Span } from '@opentelemetry/api';

export interface TurnScope {
  span: Span;
  command?: string;
  /** 'ok', or the code of the error the person was shown. */
  outcome: string;
}

const scope = new AsyncLocalStorage<TurnScope>();

export function runInTurnScope<T>(turn: TurnScope, fn: () => Promise<T>): Promise<T> {
  return scope.run(turn, fn);
}

export function currentTurnScope(): TurnScope | undefined {
  return scope.getStore();
}

/** The turn ended with this error code shown to the person (codes only, never text). */
export function recordTurnFailure(code: string): void {
  const turn = scope.getStore();
  if (turn) turn.outcome = code;
}
