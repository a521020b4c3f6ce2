/** Datetime and timespan text handling shared by literals, storage and the wire. */
import { formatTimespan, parseCanonicalDatetime, parseDatetimeText } from '../../../src/emulator/kql/values';

describe('canonical storage datetimes', () => {
  it('agree with Date.parse across centuries, leap days and fractions', () => {
    const samples = ['1970-01-01T00:00:00Z', '1969-12-31T23:59:59.999Z', '2000-02-29T12:00:00Z', '2024-02-29T23:59:59.5Z', '2026-11-20T09:15:00.123Z', '2100-03-01T00:00:00Z', '1601-01-01T00:00:00Z'];
    for (let ms = Date.UTC(1990, 0, 1); ms < Date.UTC(2040, 0, 1); ms += 7_777_777_777) samples.push(new Date(ms).toISOString());
    for (const s of samples) expect([s, parseCanonicalDatetime(s)]).toEqual([s, Date.parse(s)]);
  });

  it('reads seven fractional digits (ticks)', () => {
    expect(parseCanonicalDatetime('2026-11-20T09:15:00.1234567Z')).toBeCloseTo(Date.parse('2026-11-20T09:15:00.123Z') + 0.4567, 6);
  });

  it.each(['2026-02-30T00:00:00Z', '2026-13-01T00:00:00Z', '2026-11-20T24:00:00Z', '2026-11-20T09:15:00', '2026-11-20 09:15:00Z', '2026-11-20T09:15:00.Z', 'x026-11-20T09:15:00Z'])(
    'rejects %s',
    (s) => {
      expect(parseCanonicalDatetime(s)).toBeNaN();
    },
  );
});

describe('datetime literal text', () => {
  it.each([
    ['2026-11-20', '2026-11-20T00:00:00.000Z'],
    ['2026-11-20T10:00', '2026-11-20T10:00:00.000Z'],
    ['2026-11-20T10:00:00+02:00', '2026-11-20T08:00:00.000Z'],
    ['2026-11-20T10:00:00-0130', '2026-11-20T11:30:00.000Z'],
    ['Fri, 20 Nov 2026 10:00:00 GMT', '2026-11-20T10:00:00.000Z'],
  ])('%s', (text, iso) => {
    expect(new Date(parseDatetimeText(text) as number).toISOString()).toBe(iso);
  });

  it.each(['2026-02-30', 'tomorrow', '20/11/2026', 'Fri, 20 Nov 2026 10:00:00'])('rejects %s', (text) => {
    expect(parseDatetimeText(text)).toBeUndefined();
  });
});

describe('timespan text', () => {
  it.each([
    [0, '00:00:00'],
    [1500, '00:00:01.5000000'],
    [86_400_000 * 3 + 3_723_000, '3.01:02:03'],
    [-60_000, '-00:01:00'],
  ])('%d ms', (ms, text) => {
    expect(formatTimespan(ms)).toBe(text);
  });
});
