/** Request counts per method and route kind ("GET incidents", "PUT task", "POST query"), for tests and benchmarks. */
export interface StatsSnapshot {
  total: number;
  byRoute: Record<string, number>;
  /** What the query API did with its requests: "cache hit", "cache miss", "throttled", "queued", "partial". */
  query: Record<string, number>;
}

export class RequestStats {
  private readonly counts = new Map<string, number>();
  private readonly queryEvents = new Map<string, number>();

  recordQuery(event: 'cache hit' | 'cache miss' | 'cache bypass' | 'throttled' | 'queued' | 'partial'): void {
    this.queryEvents.set(event, (this.queryEvents.get(event) ?? 0) + 1);
  }

  record(method: string, kind: string): void {
    const key = `${method.toUpperCase()} ${kind}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  snapshot(): StatsSnapshot {
    const byRoute = Object.fromEntries([...this.counts.entries()].sort(([a], [b]) => (a < b ? -1 : 1)));
    let total = 0;
    for (const n of this.counts.values()) total += n;
    const query = Object.fromEntries([...this.queryEvents.entries()].sort(([a], [b]) => (a < b ? -1 : 1)));
    return { total, byRoute, query };
  }

  reset(): void {
    this.counts.clear();
    this.queryEvents.clear();
  }
}
