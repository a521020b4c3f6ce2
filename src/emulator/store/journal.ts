/**
 * The emulator's only file: an append-only journal of transactions.
 *
 *   S <json>                          a change to resource state (StateOp)
 *   A <incidentNumber> <timeMs> <json> one SecurityIncident audit record
 *   C <sequence>                      commit marker: the lines above it are one transaction
 *
 * A transaction is written with one write() and made durable with fsync before the
 * emulator answers, so an acknowledged change survives a crash. A crash mid-write leaves
 * a tail without a commit marker, which the next start discards. Audit records are not
 * parsed on start-up: their prefix is enough to index them, and rows are read back with
 * positioned reads when a query needs them, which keeps memory flat as the table grows.
 */
import fs from 'node:fs';
import type { StateOp } from '../model';

export interface AuditEntry {
  incidentNumber: number;
  timeMs: number;
  record: Record<string, unknown>;
}

export interface Transaction {
  ops: StateOp[];
  audit: AuditEntry[];
}

export interface AuditLocation {
  incidentNumber: number;
  timeMs: number;
  /** Byte offset and length of the record's JSON in the journal. */
  offset: number;
  length: number;
}

export interface ReplayHandlers {
  onState(op: StateOp): void;
  onAudit(location: AuditLocation): void;
}

const CHUNK = 8 * 1024 * 1024;
const NEWLINE = 0x0a;

export class Journal {
  private sequence = 0;
  private size = 0;

  private constructor(
    private readonly fd: number,
    private readonly file: string,
  ) {}

  /** Opens (creating if needed) and replays the journal; a torn tail is cut off. */
  static open(file: string, handlers: ReplayHandlers): Journal {
    const fd = fs.openSync(file, fs.existsSync(file) ? 'r+' : 'w+');
    const journal = new Journal(fd, file);
    journal.replay(handlers);
    return journal;
  }

  get sizeBytes(): number {
    return this.size;
  }

  private replay(handlers: ReplayHandlers): void {
    const total = fs.fstatSync(this.fd).size;
    const buf = Buffer.allocUnsafe(CHUNK);
    let carry = Buffer.alloc(0);
    let filePos = 0; // file offset of carry[0]
    let committedEnd = 0;
    // Kept as text until its commit marker: a torn tail may end mid-JSON.
    let pendingOps: string[] = [];
    let pendingAudit: AuditLocation[] = [];

    for (let readPos = 0; readPos < total; ) {
      const n = fs.readSync(this.fd, buf, 0, Math.min(CHUNK, total - readPos), readPos);
      if (n <= 0) break;
      readPos += n;
      const data = carry.length ? Buffer.concat([carry, buf.subarray(0, n)]) : buf.subarray(0, n);
      let start = 0;
      for (let nl = data.indexOf(NEWLINE, start); nl !== -1; nl = data.indexOf(NEWLINE, start)) {
        const kind = data[start];
        if (kind === 0x43 /* C */) {
          for (const op of pendingOps) handlers.onState(JSON.parse(op) as StateOp);
          for (const a of pendingAudit) handlers.onAudit(a);
          pendingOps = [];
          pendingAudit = [];
          this.sequence = Number(data.toString('latin1', start + 2, nl)) || this.sequence + 1;
          committedEnd = filePos + nl + 1;
        } else if (kind === 0x53 /* S */) {
          pendingOps.push(data.toString('utf8', start + 2, nl));
        } else if (kind === 0x41 /* A */) {
          const sp1 = data.indexOf(0x20, start + 2);
          const sp2 = data.indexOf(0x20, sp1 + 1);
          pendingAudit.push({
            incidentNumber: Number(data.toString('latin1', start + 2, sp1)),
            timeMs: Number(data.toString('latin1', sp1 + 1, sp2)),
            offset: filePos + sp2 + 1,
            length: nl - sp2 - 1,
          });
        } else {
          break; // garbage: treat the rest as a torn tail
        }
        start = nl + 1;
      }
      // Copy: `buf` is reused for the next chunk.
      carry = Buffer.from(data.subarray(start));
      filePos += start;
    }
    if (committedEnd < total) fs.ftruncateSync(this.fd, committedEnd);
    this.size = committedEnd;
  }

  /** Appends one transaction; with `sync` (the default) it is on disk when this returns. */
  append(tx: Transaction, options: { sync?: boolean } = {}): AuditLocation[] {
    const parts: string[] = [];
    for (const op of tx.ops) parts.push(`S ${JSON.stringify(op)}\n`);
    const locations: AuditLocation[] = [];
    let offset = this.size + Buffer.byteLength(parts.join(''));
    for (const a of tx.audit) {
      const prefix = `A ${a.incidentNumber} ${a.timeMs} `;
      const json = JSON.stringify(a.record);
      const length = Buffer.byteLength(json);
      locations.push({ incidentNumber: a.incidentNumber, timeMs: a.timeMs, offset: offset + prefix.length, length });
      parts.push(`${prefix}${json}\n`);
      offset += prefix.length + length + 1;
    }
    this.sequence++;
    parts.push(`C ${this.sequence}\n`);
    const bytes = Buffer.from(parts.join(''));
    let written = 0;
    while (written < bytes.length) written += fs.writeSync(this.fd, bytes, written, bytes.length - written, this.size + written);
    if (options.sync !== false) fs.fsyncSync(this.fd);
    this.size += bytes.length;
    return locations;
  }

  flush(): void {
    fs.fsyncSync(this.fd);
  }

  readAudit(location: Pick<AuditLocation, 'offset' | 'length'>): Record<string, unknown> {
    const buf = Buffer.allocUnsafe(location.length);
    fs.readSync(this.fd, buf, 0, location.length, location.offset);
    return JSON.parse(buf.toString('utf8')) as Record<string, unknown>;
  }

  close(): void {
    fs.closeSync(this.fd);
  }

  toString(): string {
    return `Journal(${this.file})`;
  }
}
