/**
 * Who closed an incident, where it can be known: Sentinel records no closer on the incident,
 * but a close made through the bot is followed by its attribution comment ("Closed as
 * TruePositive via Teams by Ada Lovelace."). Only a comment from the bot counts (an app's
 * identity, or queued by this process), as for task attribution, so a person typing a
 * look-alike comment cannot name someone else; and only the bot's latest status comment, so
 * a bot close followed by a bot reopen names nobody for a later close made elsewhere.
 */
import { isApp, type AttributionComment } from './taskAttribution';

const CLOSED = /^Closed as \S+(?: \(\S+\))? via Teams by (.+)\.$/;
const STATUS = /^Status set to \S+ via Teams by /;
/** A close's comment is written right after it (retried in the background for a while). */
const MAX_AFTER_CHANGE_MS = 60 * 60_000;
const CLOCK_SKEW_MS = 2 * 60_000;

export function closerFrom(comments: readonly AttributionComment[], lastModifiedTime: string | undefined): string | undefined {
  const changed = Date.parse(lastModifiedTime ?? '');
  const latest = comments
    .filter((c) => (c.fromThisBot || isApp(c.author)) && (CLOSED.test(c.message) || STATUS.test(c.message)))
    .map((c) => ({ message: c.message, at: Date.parse(c.createdTime ?? '') }))
    .filter((c) => !Number.isNaN(c.at))
    .sort((a, b) => a.at - b.at)
    .at(-1);
  if (!latest || Number.isNaN(changed)) return undefined;
  // A comment long before the incident's last change is about an earlier close.
  if (latest.at < changed - CLOCK_SKEW_MS || latest.at > changed + MAX_AFTER_CHANGE_MS) return undefined;
  return CLOSED.exec(latest.message)?.[1];
}
