/**
 * The SecurityIncident table as the KQL engine sees it. Only an index lives in memory
 * (typed arrays: incident number, time, file position per record, and the records of
 * each incident); rows are read from the journal when a query reaches them.
 */
import type { KqlTable, ScanHint, StorageRow } from '../kql/types';
import type { AuditLocation } from '../store/journal';
import { SECURITY_INCIDENT_COLUMNS, SECURITY_INCIDENT_TABLE } from './schema';

export type RecordReader = (location: Pick<AuditLocation, 'offset' | 'length'>) => Record<string, unknown>;

class GrowableArray<T extends Float64Array | Int32Array> {
  length = 0;
  constructor(
    public data: T,
    private readonly make: (size: number) => T,
  ) {}
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = this.make(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
}

export class AuditTable implements KqlTable {
  readonly name = SECURITY_INCIDENT_TABLE;
  readonly columns = SECURITY_INCIDENT_COLUMNS;
  readonly indexedColumns = ['IncidentNumber'];
  readonly timeColumn = 'TimeGenerated';

  private readonly numbers = new GrowableArray(new Int32Array(1024), (n) => new Int32Array(n));
  private readonly times = new GrowableArray(new Float64Array(1024), (n) => new Float64Array(n));
  private readonly offsets = new GrowableArray(new Float64Array(1024), (n) => new Float64Array(n));
  private readonly lengths = new GrowableArray(new Int32Array(1024), (n) => new Int32Array(n));
  private readonly byIncident = new Map<number, number[]>();

  constructor(private readonly read: RecordReader) {}

  get size(): number {
    return this.numbers.length;
  }

  add(location: AuditLocation): void {
    const index = this.numbers.length;
    this.numbers.push(location.incidentNumber);
    this.times.push(location.timeMs);
    this.offsets.push(location.offset);
    this.lengths.push(location.length);
    let list = this.byIncident.get(location.incidentNumber);
    if (!list) this.byIncident.set(location.incidentNumber, (list = []));
    list.push(index);
  }

  /** Record indexes that may satisfy the hint, in ingestion order. */
  private candidates(hint: ScanHint): Iterable<number> {
    const eq = hint.equals?.find((e) => e.column === 'IncidentNumber');
    if (!eq) return range(this.size);
    const picked: number[] = [];
    for (const v of eq.values) {
      const n = typeof v === 'number' ? v : Number(v);
      picked.push(...(this.byIncident.get(n) ?? []));
    }
    return picked.sort((a, b) => a - b);
  }

  *scan(hint: ScanHint): Iterable<StorageRow> {
    const from = hint.timeRange?.fromMs ?? -Infinity;
    const to = hint.timeRange?.toMs ?? Infinity;
    const times = this.times.data;
    for (const i of this.candidates(hint)) {
      const t = times[i] ?? 0;
      if (t < from || t > to) continue;
      yield this.read({ offset: this.offsets.data[i] ?? 0, length: this.lengths.data[i] ?? 0 });
    }
  }
}

function* range(n: number): Iterable<number> {
  for (let i = 0; i < n; i++) yield i;
}
