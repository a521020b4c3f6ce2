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
});
