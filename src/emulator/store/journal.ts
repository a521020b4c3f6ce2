/**
 * The emulator's data file: one append-only journal of transactions.
 *
 *   H sentinel-emulator-journal 1              header, once
 *   S <json>                                   a change to resource state (StateOp)
 *   A <incidentNumber> <timeMs> <json>         one SecurityIncident audit record
 *   C <sequence> <bytes> <crc32>               commit: the transaction is the <bytes> bytes
 *                                              before this line, with that CRC-32
 *
 * A transaction goes to disk in one write followed by fsync before the emulator answers,
 * so an acknowledged change survives a crash. A crash mid-write leaves a tail that has no
 * commit line, or one whose length or CRC does not match; loading cuts it off. Audit lines
 * are not parsed on load: their prefix is enough to index them, and rows are read back
 * with positioned reads when a query reaches them, so memory stays flat as history grows.
 */
import fs from 'node:fs';
import zlib from 'node:zlib';
import type { StateOp } from './stateOps';

const HEADER = Buffer.from('H sentinel-emulator-journal 1\n');
const NEWLINE = 0x0a;
const READ_CHUNK = 8 * 1024 * 1024;
/** Unsynced appends (bulk loads) are gathered up to this size before they are written. */
const PENDING_LIMIT = 4 * 1024 * 1024;

export interface AuditAppend {
  incidentNumber: number;
  timeMs: number;
  /** The record, already serialized. */
  json: string;
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

export class JournalCorruptError extends Error {
  readonly code = 'JOURNAL_CORRUPT';
  constructor(file: string, detail: string) {
    super(`The emulator journal ${file} is damaged (${detail}). Move it away, or start with --reset to begin with a fresh workspace.`);
    this.name = 'JournalCorruptError';
  }
}

/** Reads a non-negative decimal integer from latin1 digits without making a string. */
function digits(buf: Buffer, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) {
    const d = buf[i]! - 0x30;
    if (d < 0 || d > 9) return NaN;
    n = n * 10 + d;
  }
  return end > start ? n : NaN;
}

export class Journal {
  private sequence = 0;
  /** Bytes on disk (written, not necessarily synced). */
  private written = 0;
  private pending: Buffer[] = [];
  private pendingBytes = 0;

  private constructor(
    private readonly fd: number,
    readonly file: string,
  ) {}

  /** Opens (creating if needed) and replays the journal; a torn tail is cut off. */
  static open(file: string, handlers: ReplayHandlers): Journal {
    const fd = fs.openSync(file, fs.existsSync(file) ? 'r+' : 'w+');
    const journal = new Journal(fd, file);
    try {
      journal.replay(handlers);
    } catch (err) {
      fs.closeSync(fd);
      throw err;
    }
    return journal;
  }

  /** The journal's size including appends not yet written. */
  get sizeBytes(): number {
    return this.written + this.pendingBytes;
  }

  private replay(handlers: ReplayHandlers): void {
    const total = fs.fstatSync(this.fd).size;
    if (total < HEADER.length) {
      const start = Buffer.alloc(total);
      fs.readSync(this.fd, start, 0, total, 0);
      if (!HEADER.subarray(0, total).equals(start)) throw new JournalCorruptError(this.file, 'it does not start with the emulator journal header');
      // Empty, or a header torn by a crash on the very first write.
      fs.ftruncateSync(this.fd, 0);
      fs.writeSync(this.fd, HEADER, 0, HEADER.length, 0);
      fs.fsyncSync(this.fd);
      this.written = HEADER.length;
      return;
    }
    const head = Buffer.alloc(HEADER.length);
    fs.readSync(this.fd, head, 0, HEADER.length, 0);
    if (!head.equals(HEADER)) throw new JournalCorruptError(this.file, 'it does not start with the emulator journal header');

    let buf = Buffer.allocUnsafe(READ_CHUNK);
    let filled = 0; // bytes of buf in use
    let bufPos = HEADER.length; // file offset of buf[0]
    let readPos = HEADER.length;
    let committedEnd = HEADER.length;
    let txStart = HEADER.length;
    // The CRC of the open transaction covers its bytes before `crcFrom`; the rest is still
    // in the buffer and is added in one call when its commit line arrives.
    let txCrc = 0;
    let crcFrom = HEADER.length;
    let ops: StateOp[] = [];
    let audits: AuditLocation[] = [];
    let failure: string | undefined;

    outer: while (readPos < total) {
      if (filled === buf.length) {
        // One line longer than the buffer: grow it.
        const bigger = Buffer.allocUnsafe(buf.length * 2);
        buf.copy(bigger, 0, 0, filled);
        buf = bigger;
      }
      const n = fs.readSync(this.fd, buf, filled, Math.min(buf.length - filled, total - readPos), readPos);
      if (n <= 0) break;
      readPos += n;
      filled += n;
      let start = 0;
      for (let nl = buf.indexOf(NEWLINE, start); nl !== -1 && nl < filled; nl = buf.indexOf(NEWLINE, start)) {
        const kind = buf[start];
        if (kind === 0x43 /* C */) {
          const sp1 = buf.indexOf(0x20, start + 2);
          const sp2 = sp1 < 0 ? -1 : buf.indexOf(0x20, sp1 + 1);
          const seq = digits(buf, start + 2, sp1);
          const bytes = digits(buf, sp1 + 1, sp2);
          const crc = parseInt(buf.toString('latin1', sp2 + 1, nl), 16);
          const lineStart = bufPos + start;
          txCrc = zlib.crc32(buf.subarray(crcFrom - bufPos, start), txCrc);
          if (sp2 < 0 || sp2 > nl || bytes !== lineStart - txStart || crc !== txCrc) {
            failure = `transaction at byte ${txStart} fails its length or CRC check`;
            break outer;
          }
          for (const op of ops) handlers.onState(op);
          for (const a of audits) handlers.onAudit(a);
          ops = [];
          audits = [];
          this.sequence = seq;
          committedEnd = bufPos + nl + 1;
          txStart = committedEnd;
          crcFrom = committedEnd;
          txCrc = 0;
        } else if (kind === 0x53 /* S */ || kind === 0x41 /* A */) {
          if (kind === 0x53) {
            try {
              ops.push(JSON.parse(buf.toString('utf8', start + 2, nl)) as StateOp);
            } catch {
              failure = `unreadable state line at byte ${bufPos + start}`;
              break outer;
            }
          } else {
            const sp1 = buf.indexOf(0x20, start + 2);
            const sp2 = buf.indexOf(0x20, sp1 + 1);
            audits.push({
              incidentNumber: digits(buf, start + 2, sp1),
              timeMs: digits(buf, sp1 + 1, sp2),
              offset: bufPos + sp2 + 1,
              length: nl - sp2 - 1,
            });
          }
        } else {
          failure = `unknown line at byte ${bufPos + start}`;
          break outer;
        }
        start = nl + 1;
      }
      // The open transaction's bytes that leave the buffer go into its CRC now.
      if (crcFrom < bufPos + start) {
        txCrc = zlib.crc32(buf.subarray(crcFrom - bufPos, start), txCrc);
        crcFrom = bufPos + start;
      }
      // Keep the unfinished line at the front of the buffer.
      buf.copy(buf, 0, start, filled);
      filled -= start;
      bufPos += start;
    }

    if (committedEnd < total) {
      if (failure && this.hasCommitAfter(committedEnd, total)) throw new JournalCorruptError(this.file, failure);
      // A torn tail: the transaction being written when the process stopped. It was never acknowledged.
      fs.ftruncateSync(this.fd, committedEnd);
      fs.fsyncSync(this.fd);
    }
    this.written = committedEnd;
  }

  /**
   * Whether committed data follows the damage. A crash can only tear the last transaction,
   * so at most one commit line (its own) may follow; more means corruption, not a torn tail.
   */
  private hasCommitAfter(from: number, total: number): boolean {
    const buf = Buffer.allocUnsafe(Math.min(READ_CHUNK, total - from));
    let commits = 0;
    let previous = NEWLINE; // `from` is the start of a line
    for (let pos = from; pos < total; ) {
      const n = fs.readSync(this.fd, buf, 0, Math.min(buf.length, total - pos), pos);
      if (n <= 0) break;
      for (let i = 0; i < n; i++) {
        if (previous === NEWLINE && buf[i] === 0x43 && i + 1 < n && buf[i + 1] === 0x20 && ++commits > 1) return true;
        previous = buf[i]!;
      }
      pos += n;
    }
    return false;
  }

  /**
   * Appends one transaction and returns where its audit records are. With `sync` it is on
   * disk when this returns; without it (bulk loads) it is written later, by `flush`.
   */
  append(tx: { ops: readonly StateOp[]; audit: readonly AuditAppend[] }, options: { sync: boolean }): AuditLocation[] {
    const parts: string[] = [];
    for (const op of tx.ops) parts.push(`S ${JSON.stringify(op)}\n`);
    const base = this.sizeBytes;
    let offset = base + Buffer.byteLength(parts.join(''));
    const locations: AuditLocation[] = [];
    for (const a of tx.audit) {
      const prefix = `A ${a.incidentNumber} ${a.timeMs} `;
      const length = Buffer.byteLength(a.json);
      locations.push({ incidentNumber: a.incidentNumber, timeMs: a.timeMs, offset: offset + prefix.length, length });
      parts.push(prefix, a.json, '\n');
      offset += prefix.length + length + 1;
    }
    const body = Buffer.from(parts.join(''));
    const commit = Buffer.from(`C ${this.sequence + 1} ${body.length} ${zlib.crc32(body).toString(16)}\n`);
    this.sequence++;
    this.pending.push(body, commit);
    this.pendingBytes += body.length + commit.length;
    if (options.sync) this.flush();
    else if (this.pendingBytes >= PENDING_LIMIT) this.writePending();
    return locations;
  }

  private writePending(): void {
    if (this.pendingBytes === 0) return;
    const bytes = this.pending.length === 1 ? this.pending[0]! : Buffer.concat(this.pending, this.pendingBytes);
    this.pending = [];
    this.pendingBytes = 0;
    let done = 0;
    try {
      while (done < bytes.length) done += fs.writeSync(this.fd, bytes, done, bytes.length - done, this.written + done);
    } catch (err) {
      // Leave no half transaction behind (a full disk, say): the file ends at the last commit.
      fs.ftruncateSync(this.fd, this.written);
      throw err;
    }
    this.written += bytes.length;
  }

  /** Writes what is pending and makes everything durable. */
  flush(): void {
    this.writePending();
    fs.fdatasyncSync(this.fd);
  }

  /** Positioned read of journal bytes (audit records). */
  read(offset: number, length: number): Buffer {
    if (offset + length > this.written) this.writePending();
    const buf = Buffer.allocUnsafe(length);
    let done = 0;
    while (done < length) {
      const n = fs.readSync(this.fd, buf, done, length - done, offset + done);
      if (n <= 0) throw new Error(`short read in ${this.file} at ${offset + done}`);
      done += n;
    }
    return buf;
  }

  close(): void {
    this.flush();
    fs.closeSync(this.fd);
  }
}
