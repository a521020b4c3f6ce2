/**
 * The SecurityIncident table as the KQL engine sees it. Rows live in the journal; the index
 * says where. `where IncidentNumber == N` is answered from the index (a handful of
 * positioned reads), the request's timespan from the index's times, and a full scan reads
 * the journal in large blocks.
 */
import type { KqlTable, ScanHint, StorageRow } from '../kql/types';
import type { AuditIndex } from './auditIndex';
import { SECURITY_INCIDENT_COLUMNS, SECURITY_INCIDENT_TABLE } from './schema';

/** Reads `length` journal bytes at `offset`. */
export type JournalReader = (offset: number, length: number) => Buffer;

/** Records closer than this share one read; no read grows beyond BLOCK_MAX. */
const GAP_MAX = 64 * 1024;
const BLOCK_MAX = 1024 * 1024;

function* allRecords(n: number): Iterable<number> {
  for (let i = 0; i < n; i++) yield i;
}

export class AuditTable implements KqlTable {
  readonly name = SECURITY_INCIDENT_TABLE;
  readonly columns = SECURITY_INCIDENT_COLUMNS;
  readonly indexedColumns = ['IncidentNumber'];
  readonly timeColumn = 'TimeGenerated';

  constructor(
    private readonly index: AuditIndex,
    private readonly read: JournalReader,
  ) {}

  get size(): number {
    return this.index.size;
  }

  /** Record numbers that may satisfy the hint's equality constraints, in ingestion order. */
  private candidates(hint: ScanHint): Iterable<number> {
    const eq = hint.equals?.find((e) => e.column === 'IncidentNumber');
    if (!eq) return allRecords(this.index.size);
    const numbers = new Set<number>();
    for (const v of eq.values) {
      const n = typeof v === 'number' ? v : /^-?\d+$/.test(v.trim()) ? Number(v) : NaN;
      if (Number.isInteger(n)) numbers.add(n);
    }
    if (numbers.size === 1) return this.index.recordsOf([...numbers][0]!);
    return [...numbers].flatMap((n) => this.index.recordsOf(n)).sort((a, b) => a - b);
  }

  *scan(hint: ScanHint): Iterable<StorageRow> {
    const from = hint.timeRange?.fromMs ?? -Infinity;
    const to = hint.timeRange?.toMs ?? Infinity;
    const idx = this.index;
    let batch: number[] = [];
    let batchStart = 0;
    let batchEnd = 0;
    for (const i of this.candidates(hint)) {
      const t = idx.timeMs(i);
      if (t < from || t > to) continue;
      const start = idx.offset(i);
      const end = start + idx.length(i);
      if (batch.length && (start - batchEnd > GAP_MAX || end - batchStart > BLOCK_MAX)) {
        yield* this.readBatch(batch, batchStart, batchEnd);
        batch = [];
      }
      if (!batch.length) batchStart = start;
      batch.push(i);
      batchEnd = end;
    }
    if (batch.length) yield* this.readBatch(batch, batchStart, batchEnd);
  }

  private readBatch(batch: readonly number[], start: number, end: number): StorageRow[] {
    const bytes = this.read(start, end - start);
    return batch.map((i) => {
      const at = this.index.offset(i) - start;
      return JSON.parse(bytes.toString('utf8', at, at + this.index.length(i))) as StorageRow;
    });
  }
}
