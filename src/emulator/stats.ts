/** Request counts per method and route kind ("GET incidents", "PUT task", "POST query"), for tests and benchmarks. */
export interface StatsSnapshot {
  total: number;
  byRoute: Record<string, number>;
}

export class RequestStats {
  private readonly counts = new Map<string, number>();

  record(method: string, kind: string): void {
    const key = `${method.toUpperCase()} ${kind}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  snapshot(): StatsSnapshot {
    const byRoute = Object.fromEntries([...this.counts.entries()].sort(([a], [b]) => (a < b ? -1 : 1)));
    let total = 0;
    for (const n of this.counts.values()) total += n;
    return { total, byRoute };
  }

  reset(): void {
    this.counts.clear();
  }
}
