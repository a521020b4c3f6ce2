/** Counts as a person says them: the one place cards choose singular, plural, "Both" and "All". */

/** "1 task", "3 tasks", "no tasks". */
export function counted(n: number, noun: string, plural = `${noun}s`): string {
  if (n === 0) return `no ${plural}`;
  return `${n} ${n === 1 ? noun : plural}`;
}

/** `counted` at the start of a sentence: "No tasks", "1 task". */
export function Counted(n: number, noun: string, plural?: string): string {
  const s = counted(n, noun, plural);
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** "1 task is", "2 tasks are". */
export function countedIs(n: number, noun: string, past = false): string {
  const verb = past ? (n === 1 ? 'was' : 'were') : n === 1 ? 'is' : 'are';
  return `${counted(n, noun)} ${verb}`;
}

/** How far a set of tasks is: "No tasks yet", "1 task still open", "Done", "Both done", "All 3 done". */
export function doneSummary(total: number, done: number): string {
  if (total === 0) return 'No tasks yet';
  const open = total - done;
  if (open > 0) return done === 0 ? `${Counted(open, 'task')} still open` : `${Counted(open, 'task')} still open, ${done} done`;
  if (total === 1) return 'Done';
  return total === 2 ? 'Both done' : `All ${total} done`;
}
