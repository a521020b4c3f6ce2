/**
 * Sentinel records the bot's identity as the author of every change it makes. So that the
 * audit trail names the real person, each change is followed by an incident comment
 * saying who did it from Teams. Nobody waits for it: the change is already made and
 * confirmed. It is written in the background, retried until Sentinel takes it, and its id is
 * fixed when the change is confirmed, so retries (and a lost answer) still leave one comment.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from '../logging';
import { silentLogger } from '../logging';
import { LIMITS } from './limits';
import type { IncidentsApi } from './ports';
import { isServiceError } from './serviceErrors';
import { truncate } from './text';
import type { Person } from './types';

export function byLine(actor: Person): string {
  return `via Teams by ${actor.name || actor.userPrincipalName || actor.objectId}`;
}

export const attributionText = {
  reported: (actor: Person): string => `Reported ${byLine(actor)}.`,
  assigned: (owner: Person, actor: Person): string => `Assigned to ${owner.name || owner.objectId} ${byLine(actor)}.`,
  unassigned: (previous: string, actor: Person): string => `Unassigned from ${previous} ${byLine(actor)}.`,
  severity: (severity: string, actor: Person): string => `Severity set to ${severity} ${byLine(actor)}.`,
  status: (status: string, actor: Person): string => `Status set to ${status} ${byLine(actor)}.`,
  closed: (classification: string, actor: Person): string => `Closed as ${classification} ${byLine(actor)}.`,
  taskAdded: (title: string, actor: Person): string => `Task added ${byLine(actor)}: ${title}`,
  taskCompleted: (title: string, actor: Person): string => `Task completed ${byLine(actor)}: ${title}`,
};

/** A person's own comment, signed, within Sentinel's comment limit. */
export function signedComment(text: string, actor: Person): string {
  const signature = `\n\n— ${actor.name || actor.objectId}, ${byLine(actor).replace(/ by .*$/, '')}`;
  return `${truncate(text, LIMITS.commentMax - Array.from(signature).length)}${signature}`;
}

export interface AttributionOptions {
  /** Waits between background attempts (after the HTTP pipeline's own retries); the last one repeats. */
  retryDelaysInMs?: readonly number[];
  /** Attempts before giving up on a comment (logged as an error with its text's length, never the text). */
  maxAttempts?: number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

/** How long, and how many per incident, queued comments are remembered: until the audit table shows them. */
const REMEMBER_MS = 15 * 60_000;
const REMEMBER_PER_INCIDENT = 50;
const REMEMBER_INCIDENTS = 1_000;

const DEFAULT_DELAYS = [1_000, 5_000, 30_000, 60_000];
const DEFAULT_ATTEMPTS = 20;

/** The comments still to write, each retried in the background until it is written. */
export class AttributionQueue {
  private readonly inFlight = new Set<Promise<void>>();
  private readonly delays: readonly number[];
  private readonly maxAttempts: number;
  private readonly sleep: (ms: number) => Promise<void>;
  private written = 0;
  private abandoned = 0;
  private readonly recent = new Map<string, Array<{ message: string; at: number }>>();
  private readonly now: () => number;

  constructor(
    private readonly api: Pick<IncidentsApi, 'createComment'>,
    private readonly logger: Logger = silentLogger,
    options: AttributionOptions = {},
  ) {
    this.delays = options.retryDelaysInMs?.length ? options.retryDelaysInMs : DEFAULT_DELAYS;
    this.maxAttempts = options.maxAttempts ?? DEFAULT_ATTEMPTS;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms).unref()));
    this.now = options.now ?? Date.now;
  }

  /**
   * Queues the comment for `incidentId`; returns at once. `via`: the client of whoever made
   * the change (the person, when the bot acts as them), so the comment is theirs too.
   */
  add(incidentId: string, message: string, via: Pick<IncidentsApi, 'createComment'> = this.api): void {
    this.remember(incidentId, message);
    const commentId = randomUUID();
    const job = this.write(via, incidentId, commentId, message).finally(() => this.inFlight.delete(job));
    this.inFlight.add(job);
  }

  /** Comments queued for the incident lately, written or not: the task views name people from them before the audit table shows them. */
  recentFor(incidentId: string): Array<{ message: string; createdTime: string }> {
    const since = this.now() - REMEMBER_MS;
    return (this.recent.get(incidentId) ?? []).filter((r) => r.at >= since).map((r) => ({ message: r.message, createdTime: new Date(r.at).toISOString() }));
  }

  private remember(incidentId: string, message: string): void {
    const now = this.now();
    const list = (this.recent.get(incidentId) ?? []).filter((r) => r.at >= now - REMEMBER_MS).slice(-(REMEMBER_PER_INCIDENT - 1));
    list.push({ message, at: now });
    // Re-inserted last, so the map's first key is the incident least recently changed.
    this.recent.delete(incidentId);
    this.recent.set(incidentId, list);
    if (this.recent.size > REMEMBER_INCIDENTS) this.recent.delete(this.recent.keys().next().value!);
  }

  get pending(): number {
    return this.inFlight.size;
  }

  stats(): { pending: number; written: number; abandoned: number } {
    return { pending: this.inFlight.size, written: this.written, abandoned: this.abandoned };
  }

  /** Resolves when every queued comment is written or given up (tests, shutdown). */
  async drain(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  private async write(api: Pick<IncidentsApi, 'createComment'>, incidentId: string, commentId: string, message: string): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        // A PUT with a fixed id: writing it twice (a lost answer, a retry) leaves one comment.
        await api.createComment(incidentId, commentId, message);
        this.written++;
        return;
      } catch (err) {
        const code = (err as { code?: unknown }).code;
        // The incident is gone or the request can never succeed: retrying would not help.
        const final = isServiceError(err, 'NOT_FOUND') || isServiceError(err, 'BAD_REQUEST') || attempt >= this.maxAttempts;
        if (final) {
          this.abandoned++;
          this.logger.error({ incidentId, commentId, code, attempt }, 'gave up on the attribution comment');
          return;
        }
        const delay = this.delays[Math.min(attempt - 1, this.delays.length - 1)] ?? 1_000;
        this.logger.warn({ incidentId, commentId, code, attempt, delayMs: delay }, 'attribution comment failed; retrying in the background');
        await this.sleep(delay);
      }
    }
  }
}
