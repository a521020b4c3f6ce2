/**
 * Where each audit record is, without the records: per record its incident number,
 * TimeGenerated and position in the journal, in typed arrays (24 bytes a record), plus the
 * records of each incident. A million records index in about 40 MB.
 */
import type { AuditLocation } from '../store/journal';

class Column<T extends Int32Array | Float64Array> {
  constructor(
    public data: T,
    private readonly make: (size: number) => T,
  ) {}

  set(i: number, v: number): void {
    if (i >= this.data.length) {
      const next = this.make(Math.max(1024, this.data.length * 2));
      next.set(this.data);
      this.data = next;
    }
    this.data[i] = v;
  }
}

const int32 = (n: number): Int32Array => new Int32Array(n);
const float64 = (n: number): Float64Array => new Float64Array(n);

export class AuditIndex {
  private count = 0;
  private readonly numbers = new Column(int32(1024), int32);
  private readonly times = new Column(float64(1024), float64);
  // Float64: journals may outgrow 2 GiB, and doubles hold offsets exactly up to 2^53.
  private readonly offsets = new Column(float64(1024), float64);
  private readonly lengths = new Column(int32(1024), int32);
  private readonly byIncident = new Map<number, number[]>();

  get size(): number {
    return this.count;
  }

  add(location: AuditLocation): void {
    const i = this.count++;
    this.numbers.set(i, location.incidentNumber);
    this.times.set(i, location.timeMs);
    this.offsets.set(i, location.offset);
    this.lengths.set(i, location.length);
    const list = this.byIncident.get(location.incidentNumber);
    if (list) list.push(i);
    else this.byIncident.set(location.incidentNumber, [i]);
  }

  /** Record numbers of one incident, oldest first. */
  recordsOf(incidentNumber: number): readonly number[] {
    return this.byIncident.get(incidentNumber) ?? [];
  }

  incidentNumber(i: number): number {
    return this.numbers.data[i]!;
  }

  timeMs(i: number): number {
    return this.times.data[i]!;
  }

  offset(i: number): number {
    return this.offsets.data[i]!;
  }

  length(i: number): number {
    return this.lengths.data[i]!;
  }
}
