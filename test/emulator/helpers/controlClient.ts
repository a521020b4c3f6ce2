/**
 * A small client for the emulator's control API (/_emulator/): fault rules, request counts
 * and health. For reliability tests and benchmarks anywhere in the project.
 *
 *   const control = new EmulatorControl(emulator.url);
 *   await control.setFaults([{ match: { api: 'arm', method: 'PUT' }, fault: { status: 429, retryAfterSeconds: 1 }, times: 2 }]);
 *   ... exercise the client ...
 *   expect((await control.stats()).byRoute['PUT incident']).toBe(3);
 *   await control.clearFaults();
 */
import type { FaultRule } from '../../../src/emulator/faults';
import type { StatsSnapshot } from '../../../src/emulator/stats';

export type { FaultRule, StatsSnapshot };

export interface EmulatorHealth {
  status: 'ok';
  incidents: number;
  auditRecords: number;
  journalBytes: number;
  dataDir: string;
}

export type ActiveFaultRule = FaultRule & { remaining: number | null };

export class EmulatorControlError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'EmulatorControlError';
  }
}

export class EmulatorControl {
  constructor(private readonly baseUrl: string) {}

  private async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.baseUrl}/_emulator/${path}`, {
      method,
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new EmulatorControlError(res.status, `${method} /_emulator/${path} answered ${res.status}: ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /** Replaces all fault rules; returns them with their remaining counts. */
  setFaults(rules: FaultRule[]): Promise<ActiveFaultRule[]> {
    return this.request('PUT', 'faults', rules);
  }

  faults(): Promise<ActiveFaultRule[]> {
    return this.request('GET', 'faults');
  }

  async clearFaults(): Promise<void> {
    await this.request('DELETE', 'faults');
  }

  /** Requests per "METHOD kind" (kinds: incidents, incident, tasks, task, comments, comment, query, unknown). */
  stats(): Promise<StatsSnapshot> {
    return this.request('GET', 'stats');
  }

  async resetStats(): Promise<void> {
    await this.request('POST', 'stats/reset');
  }

  health(): Promise<EmulatorHealth> {
    return this.request('GET', 'health');
  }

  /** Azure role assignments by object id (a caller without one may do nothing). */
  async roles(): Promise<Record<string, 'Reader' | 'Responder' | 'Contributor'>> {
    return this.request('GET', 'roles');
  }

  async grantRole(objectId: string, role: 'Reader' | 'Responder' | 'Contributor'): Promise<void> {
    await this.request('PUT', `roles/${objectId}`, { role });
  }

  async revokeRole(objectId: string): Promise<void> {
    await this.request('DELETE', `roles/${objectId}`);
  }

  /** The identity provider's signing key changes: every token issued before is refused. */
  async rotateTokenKey(): Promise<void> {
    await this.request('POST', 'token/rotate');
  }
}
