import { advance, EMPTY_WATERMARK, pollFilter, unseen } from '../../src/feed/watermark';

const at = (name: string, t: string) => ({ name, lastModifiedTimeUtc: t });

describe('feed watermark', () => {
  it('first poll has no filter; later polls ask from one millisecond before the newest time seen', () => {
    expect(pollFilter(EMPTY_WATERMARK)).toBeUndefined();
    const w = advance(EMPTY_WATERMARK, [at('a', '2026-12-01T10:00:00.005Z'), at('b', '2026-12-01T10:00:00.002Z')]);
    expect(pollFilter(w)).toBe('properties/lastModifiedTimeUtc gt 2026-12-01T10:00:00.004Z');
  });

  it('an incident modified in the same millisecond after a poll is not skipped, and the handled one is not repeated', () => {
    const w = advance(EMPTY_WATERMARK, [at('a', '2026-12-01T10:00:00.005Z')]);
    const next = unseen(w, [at('a', '2026-12-01T10:00:00.0050000Z'), at('b', '2026-12-01T10:00:00.005Z')]);
    expect(next.map((i) => i.name)).toEqual(['b']);
    const w2 = advance(w, next);
    expect(unseen(w2, [at('a', '2026-12-01T10:00:00.005Z'), at('b', '2026-12-01T10:00:00.005Z')])).toEqual([]);
  });

  it('a later change to an incident already handled is seen again (it must update its card)', () => {
    const w = advance(EMPTY_WATERMARK, [at('a', '2026-12-01T10:00:00.005Z')]);
    expect(unseen(w, [at('a', '2026-12-01T10:00:01.000Z')]).map((i) => i.name)).toEqual(['a']);
    expect(advance(w, [at('a', '2026-12-01T10:00:01.000Z')])).toEqual({
      time: '2026-12-01T10:00:01.000Z',
      ties: ['a|2026-12-01T10:00:01.000Z'],
    });
  });

  it('a time far in the future does not move the watermark, and that incident is handled once', () => {
    const now = Date.parse('2026-12-01T10:00:00.000Z');
    const w = advance(EMPTY_WATERMARK, [at('a', '2026-12-01T09:59:59.000Z'), at('future', '2027-06-01T00:00:00.000Z')], now);
    expect(w.time).toBe('2026-12-01T09:59:59.000Z');
    // Listed again by the next poll (its time is after the watermark): not handled twice ...
    expect(unseen(w, [at('future', '2027-06-01T00:00:00.000Z'), at('b', '2026-12-01T10:00:01.000Z')]).map((i) => i.name)).toEqual(['b']);
    // ... but a real later change to it is.
    expect(unseen(w, [at('future', '2026-12-01T10:00:02.000Z')]).map((i) => i.name)).toEqual(['future']);
    // Once the clock passes that time the watermark moves past it and forgets it.
    const later = advance(w, [at('future', '2027-06-01T00:00:00.000Z')], Date.parse('2027-06-01T00:00:01.000Z'));
    expect(later).toEqual({ time: '2027-06-01T00:00:00.000Z', ties: ['future|2027-06-01T00:00:00.000Z'] });
  });

  it('an incident modified at exactly the watermark is seen once; an unreadable time is ignored', () => {
    const w = advance(EMPTY_WATERMARK, [at('a', '2026-12-01T10:00:00.000Z')]);
    expect(unseen(w, [at('a', '2026-12-01T10:00:00.000Z'), at('b', '2026-12-01T10:00:00.000Z'), at('c', 'not a time')]).map((i) => i.name)).toEqual(['b']);
    expect(advance(w, [at('c', 'not a time')])).toEqual(w);
  });
});
