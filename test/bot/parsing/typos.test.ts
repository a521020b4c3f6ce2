import { correctCommandWords, correctLeadingWords, editDistance } from '../../../src/bot/parsing/typos';

describe('typo tolerance on command words', () => {
  it.each([
    ['taks', 'tasks', 1],
    ['tsak', 'task', 1],
    ['assing', 'assign', 1],
    ['sevrity', 'severity', 1],
    ['show', 'show', 0],
    ['shw', 'show', 1],
    ['incdnt', 'incident', 2],
  ])('%s -> %s is %i edit(s)', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
  });

  it('corrects command words of four or more letters one edit away', () => {
    expect(correctCommandWords('show taks for 405211')).toBe('show tasks for 405211');
    expect(correctCommandWords('asign 405211 to me')).toBe('assign 405211 to me');
  });

  it('never corrects numbers, values, short words or words two edits away', () => {
    expect(correctCommandWords('set severity of 405211 to hgih')).toBe('set severity of 405211 to hgih');
    expect(correctCommandWords('set status of 405211 to closed')).toBe('set status of 405211 to closed');
    expect(correctCommandWords('405212 tsk shw')).toBe('405212 tsk shw');
    expect(correctCommandWords('never mind')).toBe('never mind');
    expect(correctCommandWords('tksas')).toBe('tksas');
  });

  it('corrects only the leading words of text as typed, keeping titles intact', () => {
    expect(correctLeadingWords('add taks to 405211: Check taks', 2)).toBe('add tasks to 405211: Check taks');
  });
});
