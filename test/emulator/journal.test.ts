/** The journal file on its own: transactions, commit lines, replay, torn tails. */
import fs from 'node:fs';
import path from 'node:path';
import { Journal, JournalCorruptError, type AuditLocation } from '../../src/emulator/store/journal';
import type { StateOp } from '../../src/emulator/store/stateOps';
import { tempDataDir } from './helpers/emulatorHarness';

let dir: string;
let file: string;
beforeEach(() => {
  dir = tempDataDir();
  file = path.join(dir, 'test.journal');
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function replay(): { ops: StateOp[]; audits: AuditLocation[]; journal: Journal } {
  const ops: StateOp[] = [];
  const audits: AuditLocation[] = [];
  const journal = Journal.open(file, { onState: (op) => ops.push(op), onAudit: (a) => audits.push(a) });
  return { ops, audits, journal };
}

const numbering = (last: number): StateOp => ({ op: 'numbering', last });

describe('journal', () => {
  it('starts with a header, and writes each transaction as its lines and a commit line', () => {
    const { journal } = replay();
    journal.append({ ops: [numbering(5)], audit: [{ incidentNumber: 6, timeMs: 1000, json: '{"Title":"é"}' }] }, { sync: true });
    journal.close();
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    expect(lines[0]).toBe('H sentinel-emulator-journal 1');
    expect(lines[1]).toBe('S {"op":"numbering","last":5}');
    expect(lines[2]).toBe('A 6 1000 {"Title":"é"}');
    expect(lines[3]).toMatch(/^C 1 \d+ [0-9a-f]+$/);
  });

  it('replays state in order and locates audit records without parsing them', () => {
    const first = replay();
    const written = first.journal.append({ ops: [numbering(1), numbering(2)], audit: [{ incidentNumber: 7, timeMs: 42, json: '{"a":1}' }, { incidentNumber: 8, timeMs: 43, json: '{"b":"ü"}' }] }, { sync: true });
    first.journal.append({ ops: [numbering(3)], audit: [] }, { sync: false });
    expect(first.journal.read(written[1]!.offset, written[1]!.length).toString()).toBe('{"b":"ü"}'); // pending appends are readable
    first.journal.close();
    const again = replay();
    expect(again.ops).toEqual([numbering(1), numbering(2), numbering(3)]);
    expect(again.audits).toEqual(written);
    expect(JSON.parse(again.journal.read(again.audits[0]!.offset, again.audits[0]!.length).toString())).toEqual({ a: 1 });
    again.journal.close();
  });

  it('reads records longer than its read buffer', () => {
    const big = JSON.stringify({ text: 'x'.repeat(20 * 1024 * 1024) });
    const first = replay();
    first.journal.append({ ops: [], audit: [{ incidentNumber: 1, timeMs: 1, json: big }] }, { sync: true });
    first.journal.append({ ops: [numbering(9)], audit: [] }, { sync: true });
    first.journal.close();
    const again = replay();
    expect(again.audits[0]!.length).toBe(big.length);
    expect(again.ops).toEqual([numbering(9)]);
    again.journal.close();
  });

  it('verifies transactions that straddle its read buffer', () => {
    const first = replay();
    const json = JSON.stringify({ pad: 'p'.repeat(5000) });
    for (let i = 0; i < 3000; i++) first.journal.append({ ops: [numbering(i)], audit: [{ incidentNumber: i, timeMs: i, json }] }, { sync: false });
    first.journal.close();
    const again = replay();
    expect(again.ops).toHaveLength(3000);
    expect(again.audits.map((a) => a.incidentNumber)).toEqual([...Array(3000).keys()]);
    again.journal.close();
  });

  it('cuts off a torn tail and keeps appending after the last commit', () => {
    const first = replay();
    first.journal.append({ ops: [numbering(1)], audit: [] }, { sync: true });
    first.journal.close();
    const good = fs.statSync(file).size;
    fs.appendFileSync(file, 'S {"op":"numbering","last":2}\nC 2 31 deadbeef\nS {"op":"numb');
    const again = replay();
    expect(again.ops).toEqual([numbering(1)]);
    expect(fs.statSync(file).size).toBe(good);
    again.journal.append({ ops: [numbering(3)], audit: [] }, { sync: true });
    again.journal.close();
    expect(replay().ops).toEqual([numbering(1), numbering(3)]);
  });

  it('recovers from a crash during the very first write of the header', () => {
    fs.writeFileSync(file, 'H sentinel');
    const { ops, journal } = replay();
    expect(ops).toEqual([]);
    journal.close();
    expect(fs.readFileSync(file, 'utf8')).toBe('H sentinel-emulator-journal 1\n');
  });

  it('refuses a file that is not an emulator journal', () => {
    fs.writeFileSync(file, '{"some":"other file"}\n');
    expect(() => replay()).toThrow(JournalCorruptError);
  });
});
