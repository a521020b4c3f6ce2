/**
 * Switchable faults for reliability tests: throttling, server errors, slow answers,
 * dropped connections and a concurrent writer. Set with PUT /_emulator/faults.
 */
import { badRequest } from './errors';

export interface FaultRule {
  match: { method?: string; pathContains?: string; api?: 'arm' | 'query' };
  fault: {
    status?: number;
    retryAfterSeconds?: number;
    delayMs?: number;
    /** Drop the connection before handling the request. */
    reset?: boolean;
    /** Handle the request, then drop the connection: the change happened but its answer is lost. */
    dropResponse?: boolean;
    conflict?: boolean;
  };
  /** How many matching requests it applies to; unlimited when absent. */
  times?: number;
}

export class FaultInjector {
  private rules: Array<FaultRule & { remaining: number }> = [];

  set(rules: unknown): void {
    if (!Array.isArray(rules)) throw badRequest('Faults must be a JSON array of rules.');
    this.rules = rules.map((r, i) => {
      const rule = r as FaultRule;
      if (typeof rule !== 'object' || rule === null || typeof rule.fault !== 'object' || rule.fault === null) throw badRequest(`Fault rule ${i} needs a fault.`);
      const status = rule.fault.status;
      if (status !== undefined && (!Number.isInteger(status) || status < 400 || status > 599)) throw badRequest(`Fault rule ${i}: status must be 4xx or 5xx.`);
      return { match: rule.match ?? {}, fault: rule.fault, times: rule.times, remaining: rule.times ?? Infinity };
    });
  }

  clear(): void {
    this.rules = [];
  }

  /** The fault for this request, if a rule matches; each use counts against `times`. */
  take(method: string, path: string, api: 'arm' | 'query'): FaultRule['fault'] | undefined {
    for (const rule of this.rules) {
      if (rule.remaining <= 0) continue;
      const m = rule.match;
      if (m.method && m.method.toUpperCase() !== method.toUpperCase()) continue;
      if (m.api && m.api !== api) continue;
      if (m.pathContains && !path.toLowerCase().includes(m.pathContains.toLowerCase())) continue;
      rule.remaining--;
      return rule.fault;
    }
    return undefined;
  }
}

export class RequestStats {
  private counts = new Map<string, number>();

  record(method: string, kind: string): void {
    const key = `${method} ${kind}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  snapshot(): { total: number; byRoute: Record<string, number> } {
    const byRoute = Object.fromEntries([...this.counts.entries()].sort());
    return { total: [...this.counts.values()].reduce((a, b) => a + b, 0), byRoute };
  }

  reset(): void {
    this.counts.clear();
  }
}

/** A short label for what a request addressed, for the stats. */
export function routeKind(segments: string[], api: 'arm' | 'query'): string {
  if (api === 'query') return 'query';
  const i = segments.findIndex((s) => s.toLowerCase() === 'incidents');
  const tail = i < 0 ? [] : segments.slice(i);
  if (tail.length <= 1) return 'incidents';
  if (tail.length === 2) return 'incident';
  return tail[2]!.toLowerCase();
}
