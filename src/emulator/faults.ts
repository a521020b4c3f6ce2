/**
 * Switchable faults for reliability tests and benchmarks: throttling and server errors (with
 * Retry-After), slow answers, dropped connections, and a concurrent writer that makes the
 * caller's etag stale. Rules are set with PUT /_emulator/faults; the first rule that matches
 * a request applies, `times` times (forever when absent).
 */
export type ApiKind = 'arm' | 'query';

export interface FaultRule {
  match: { method?: string; pathContains?: string; api?: ApiKind };
  fault: {
    status?: number;
    retryAfterSeconds?: number;
    delayMs?: number;
    /** Destroy the socket without answering. */
    reset?: boolean;
    /** Give the addressed resource a new etag before handling, as another writer would. */
    conflict?: boolean;
    /** Handle the request, then destroy the socket: the change happened but its answer is lost. */
    dropResponse?: boolean;
  };
  times?: number;
}

export type Fault = FaultRule['fault'];

export class FaultRuleError extends Error {
  readonly code = 'INVALID_FAULT_RULE';
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function optional<T>(o: Record<string, unknown>, key: string, check: (v: unknown) => v is T, what: string, i: number): T | undefined {
  const v = o[key];
  if (v === undefined) return undefined;
  if (!check(v)) throw new FaultRuleError(`rule ${i}: ${key} must be ${what}`);
  return v;
}

const isString = (v: unknown): v is string => typeof v === 'string' && v !== '';
const isBool = (v: unknown): v is boolean => typeof v === 'boolean';
const isCount = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0;
const isApi = (v: unknown): v is ApiKind => v === 'arm' || v === 'query';
const isErrorStatus = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 400 && (v as number) <= 599;

/** Checks rules from the control API; throws FaultRuleError naming the first problem. */
export function parseFaultRules(body: unknown): FaultRule[] {
  if (!Array.isArray(body)) throw new FaultRuleError('the body must be a JSON array of rules');
  return body.map((raw, i) => {
    if (!isObject(raw) || !isObject(raw.fault)) throw new FaultRuleError(`rule ${i}: it needs a "fault" object`);
    if (raw.match !== undefined && !isObject(raw.match)) throw new FaultRuleError(`rule ${i}: "match" must be an object`);
    const m = (raw.match ?? {}) as Record<string, unknown>;
    const f = raw.fault;
    const rule: FaultRule = {
      match: {
        method: optional(m, 'method', isString, 'an HTTP method', i)?.toUpperCase(),
        pathContains: optional(m, 'pathContains', isString, 'a non-empty string', i),
        api: optional(m, 'api', isApi, "'arm' or 'query'", i),
      },
      fault: {
        status: optional(f, 'status', isErrorStatus, 'an HTTP error status (400-599)', i),
        retryAfterSeconds: optional(f, 'retryAfterSeconds', isCount, 'a whole number of seconds', i),
        delayMs: optional(f, 'delayMs', isCount, 'a whole number of milliseconds', i),
        reset: optional(f, 'reset', isBool, 'true or false', i),
        conflict: optional(f, 'conflict', isBool, 'true or false', i),
        dropResponse: optional(f, 'dropResponse', isBool, 'true or false', i),
      },
      times: optional(raw, 'times', isCount, 'a whole number', i),
    };
    const { status, delayMs, reset, conflict, dropResponse } = rule.fault;
    if (status === undefined && !delayMs && !reset && !conflict && !dropResponse) {
      throw new FaultRuleError(`rule ${i}: the fault does nothing (give status, delayMs, reset, conflict or dropResponse)`);
    }
    return rule;
  });
}

export class FaultInjector {
  private rules: Array<{ rule: FaultRule; remaining: number }> = [];

  set(rules: FaultRule[]): void {
    this.rules = rules.map((rule) => ({ rule, remaining: rule.times ?? Infinity }));
  }

  clear(): void {
    this.rules = [];
  }

  /** The rules with what is left of them, for GET /_emulator/faults. */
  list(): Array<FaultRule & { remaining: number | null }> {
    return this.rules.map(({ rule, remaining }) => ({ ...rule, remaining: Number.isFinite(remaining) ? remaining : null }));
  }

  /** The fault for this request, if a rule matches; each use counts against its `times`. */
  take(method: string, path: string, api: ApiKind): Fault | undefined {
    for (const entry of this.rules) {
      const m = entry.rule.match;
      if (entry.remaining <= 0) continue;
      if (m.method && m.method !== method.toUpperCase()) continue;
      if (m.api && m.api !== api) continue;
      if (m.pathContains && !path.toLowerCase().includes(m.pathContains.toLowerCase())) continue;
      entry.remaining--;
      return entry.rule.fault;
    }
    return undefined;
  }
}

const CODES: Record<number, string> = {
  408: 'RequestTimeout',
  409: 'Conflict',
  429: 'TooManyRequests',
  500: 'InternalServerError',
  502: 'BadGateway',
  503: 'ServiceUnavailable',
  504: 'GatewayTimeout',
};

/** The error code an injected status answers with. */
export function faultCode(status: number): string {
  return CODES[status] ?? 'InjectedFault';
}
