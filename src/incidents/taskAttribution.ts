/**
 * With the app identity Sentinel records the bot as the author of every task change; the
 * person is named only in the bot's attribution comment ("Task added via Teams by X: title").
 * The task views put that person back. Only a comment written by the very identity that
 * made the change counts, and only when that identity is an app: a person typing a
 * look-alike comment (their comment carries their UPN) cannot change who is shown.
 */
import type { TaskView } from './types';

/** Who a record or the tasks API says made a change. */
export interface ChangeIdentity {
  name?: string;
  objectId?: string;
  userPrincipalName?: string;
}

export interface AttributionComment {
  message: string;
  createdTime?: string;
  author: ChangeIdentity;
  /**
   * Queued by this process moments ago (the audit table may not show it yet): its author is
   * the bot by construction, whichever identity Sentinel will record.
   */
  fromThisBot?: boolean;
}

export type TaskChangeKind = 'added' | 'completed';

/** A task change to name: its title, when it happened and who Sentinel says did it. */
export interface TaskChange {
  kind: TaskChangeKind;
  title: string;
  at?: string;
  by?: ChangeIdentity;
}

/** An attribution comment is written in the background, retried for a while: later than this, it is not this change's. */
const MAX_DELAY_MS = 60 * 60_000;

/** This process's clock against Sentinel's: a comment remembered here may be dated slightly before the change. */
const CLOCK_SKEW_MS = 2 * 60_000;

const PATTERN = /^Task (added|completed) via Teams by (.+?): ([\s\S]+)$/;

/** A person's UPN always has an @; an app's identity has none (or its app id). */
export function isApp(who: ChangeIdentity | undefined): boolean {
  return !!who?.objectId && !(who.userPrincipalName ?? '').includes('@');
}

function parse(c: AttributionComment): { kind: TaskChangeKind; person: string; title: string; at: number; authorId?: string } | undefined {
  const m = PATTERN.exec(c.message);
  const at = Date.parse(c.createdTime ?? '');
  if (!m || Number.isNaN(at) || (!c.fromThisBot && !isApp(c.author))) return undefined;
  return { kind: m[1] as TaskChangeKind, person: m[2]!, title: m[3]!, at, authorId: c.fromThisBot ? undefined : c.author.objectId!.toLowerCase() };
}

/** The same comment seen in the audit record and in this process's memory counts once. */
function distinct(comments: readonly AttributionComment[]): AttributionComment[] {
  const written = new Set(comments.filter((c) => !c.fromThisBot).map((c) => c.message));
  return comments.filter((c) => !c.fromThisBot || !written.has(c.message));
}

/**
 * For each change, the person its attribution comment names, or undefined (keep the
 * recorded name). Changes are matched oldest first, each to the nearest unused comment of
 * the same kind and title, by the same app, written at or after it: of two tasks with one
 * title each gets its own comment, and without a comment a change keeps the app's name.
 */
export function attributedPeople(changes: readonly TaskChange[], comments: readonly AttributionComment[]): Array<string | undefined> {
  const parsed = distinct(comments).map(parse).filter((c): c is NonNullable<typeof c> => c !== undefined).sort((a, b) => a.at - b.at);
  const used = new Set<number>();
  const result: Array<string | undefined> = changes.map(() => undefined);
  const order = changes.map((c, i) => ({ c, i, at: Date.parse(c.at ?? '') })).filter((x) => !Number.isNaN(x.at) && isApp(x.c.by));
  order.sort((a, b) => a.at - b.at);
  for (const { c, i, at } of order) {
    const id = c.by!.objectId!.toLowerCase();
    const k = parsed.findIndex((p, j) => !used.has(j) && p.kind === c.kind && p.title === c.title && (p.authorId === undefined || p.authorId === id) && p.at >= at - (p.authorId === undefined ? CLOCK_SKEW_MS : 0) && p.at - at <= MAX_DELAY_MS);
    if (k < 0) continue;
    used.add(k);
    result[i] = parsed[k]!.person;
  }
  return result;
}

/** How a task view names a person the bot acted for. */
export function viaTeams(person: string): string {
  return `${person} (via Teams)`;
}

/** A task view with the identities Sentinel recorded for it. */
export interface RecordedTask {
  view: TaskView;
  creator?: ChangeIdentity;
  modifier?: ChangeIdentity;
}

/** The views, with the person named where the bot's app identity made the change. */
export function namePeople(tasks: readonly RecordedTask[], comments: readonly AttributionComment[]): TaskView[] {
  if (!comments.length || !tasks.some((t) => isApp(t.creator) || isApp(t.modifier))) return tasks.map((t) => t.view);
  const changes: TaskChange[] = [];
  const slots: Array<{ task: number; field: 'createdBy' | 'completedBy' }> = [];
  tasks.forEach((t, i) => {
    changes.push({ kind: 'added', title: t.view.title, at: t.view.createdTime, by: t.creator });
    slots.push({ task: i, field: 'createdBy' });
    if (t.view.status === 'Completed') {
      changes.push({ kind: 'completed', title: t.view.title, at: t.view.completedTime, by: t.modifier });
      slots.push({ task: i, field: 'completedBy' });
    }
  });
  const views = tasks.map((t) => ({ ...t.view }));
  attributedPeople(changes, comments).forEach((person, k) => {
    const slot = slots[k]!;
    if (person) views[slot.task]![slot.field] = viaTeams(person);
  });
  return views;
}
