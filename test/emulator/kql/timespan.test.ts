/** The query API's `timespan` parameter. */
import { KqlError, parseTimespan } from '../../../src/emulator/kql';

const now = new Date('2026-11-21T00:00:00Z');
const ms = (iso: string): number => Date.parse(iso);

describe('parseTimespan', () => {
  it.each([
    ['PT12H', '2026-11-20T12:00:00Z', '2026-11-21T00:00:00Z'],
    ['P7D', '2026-11-14T00:00:00Z', '2026-11-21T00:00:00Z'],
    ['P1DT2H30M', '2026-11-19T21:30:00Z', '2026-11-21T00:00:00Z'],
    ['PT90S', '2026-11-20T23:58:30Z', '2026-11-21T00:00:00Z'],
    ['PT0.5S', '2026-11-20T23:59:59.500Z', '2026-11-21T00:00:00Z'],
    ['P1W', '2026-11-14T00:00:00Z', '2026-11-21T00:00:00Z'],
    ['P1M', '2026-10-21T00:00:00Z', '2026-11-21T00:00:00Z'],
    ['2026-11-20T00:00:00Z/2026-11-20T12:00:00Z', '2026-11-20T00:00:00Z', '2026-11-20T12:00:00Z'],
    ['2026-11-20T00:00:00.000Z/PT6H', '2026-11-20T00:00:00Z', '2026-11-20T06:00:00Z'],
    ['P1D/2026-11-20T12:00:00Z', '2026-11-19T12:00:00Z', '2026-11-20T12:00:00Z'],
    ['2026-11-20/2026-11-21', '2026-11-20T00:00:00Z', '2026-11-21T00:00:00Z'],
  ])('%s', (input, from, to) => {
    expect(parseTimespan(input, now)).toEqual({ fromMs: ms(from), toMs: ms(to) });
  });

  it.each(['', 'P', 'PT', '12H', 'P1H', 'PT1D', 'P1DT', 'yesterday', 'P1D/P2D', 'a/b', '2026-11-21T00:00:00Z/2026-11-20T00:00:00Z', 'P1D/x/y'])(
    'rejects %j',
    (input) => {
      let error: unknown;
      try {
        parseTimespan(input, now);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(KqlError);
      expect((error as KqlError).kind).toBe('SyntaxError');
      expect((error as KqlError).message).toContain('Invalid timespan');
    },
  );
});
