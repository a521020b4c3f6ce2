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

describe('suggestions on messages no test listed before', () => {
  const personal = (text: string): string[] => suggestionsFor(text, (t) => parseCommand(t), 'personal');
  const shared = (text: string): string[] => suggestionsFor(text, (t) => parseCommand(t), 'shared');

  it.each([
    ['comnt 405211 hi', 'comment 405211 hi'],
    ['add tsk to 405211: call HR', 'add task to 405211: call HR'],
    ['assign 405211 too me', 'assign 405211 to me'],
    ['sho 405211', 'show 405211'],
    ['lose ends', 'loose ends'],
    ['<at>Sentinel Incidents</at> comnt 405211 called <at>Ada</at>', 'comment 405211 called Ada'],
  ])('%j suggests %j first, which runs as a whole command', (typed, first) => {
    expect(parseCommand(typed).kind).toBe('unknown');
    expect(personal(typed)[0]).toBe(first);
    expect(['unknown', 'needsIncidentNumber', 'needsValue', 'didYouMean']).not.toContain(parseCommand(first).kind);
  });

  it('offers no half command: "lose ends" is not "close ends", "tell me about 405211" is not help in other words, "take" is not "tasks"', () => {
    expect(personal('lose ends')).not.toContain('close ends');
    expect(personal('unassigned incidents')).not.toContain('unassign incidents');
    expect(personal('tell me abuot 405211').some((s) => /^help/.test(s))).toBe(false);
    expect(personal('should I take 405210').some((s) => /^should I tasks?/.test(s))).toBe(false);
  });

  it('starts from the place: my incidents in a personal chat, loose ends where everyone reads the answer', () => {
    expect(personal('the thing from yesterday')).toEqual(['my incidents', 'help']);
    expect(shared('the thing from yesterday')).toEqual(['loose ends', 'help']);
    expect(shared('what now 405211')).toEqual(['show 405211', 'show tasks for 405211', 'loose ends']);
  });
});
