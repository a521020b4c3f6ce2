/** "Did you mean": suggestions for a message that was not understood. */
import { parseCommand } from '../../../src/bot/commands';
import { MAX_SUGGESTIONS, suggestionsFor } from '../../../src/bot/parsing/suggestions';

const suggest = (text: string): string[] => suggestionsFor(text, (t) => parseCommand(t));

describe('suggestionsFor', () => {
  it.each([
    ['hstry 405211', 'history 405211'],
    ['asgn 405211 to me', 'assign 405211 to me'],
    ['unasgn 405211', 'unassign 405211'],
  ])('%j is not understood, and suggests %j first', (typed, first) => {
    expect(parseCommand(typed).kind).toBe('unknown');
    expect(suggest(typed)[0]).toBe(first);
  });

  it('suggests looking at a lone incident number, never a write it guessed', () => {
    expect(suggest('what now 405211')).toEqual(['show 405211', 'show tasks for 405211', 'my incidents']);
  });

  it('offers the starting points when nothing is near, and every suggestion is understood', () => {
    expect(suggest('good morning')).toEqual(['my incidents', 'help']);
    for (const typed of ['hstry 405211', 'asgn 405211 to me', 'xyz', 'good morning', 'what now 405211']) {
      const all = suggest(typed);
      expect(all.length).toBeLessThanOrEqual(MAX_SUGGESTIONS);
      for (const s of all) expect(parseCommand(s).kind).not.toBe('unknown');
    }
  });
});
