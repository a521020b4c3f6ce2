/**
 * Decides, for one poll, what each watching conversation gets: a new card, an update of the card it
 * already has, or (above the burst threshold of new incidents) one digest instead of new cards.
 * Changes to incidents that already have a card are always updates, even in a burst: the card
 * stays current and nothing new is posted.
 */
import { matches, type FeedFilter, type MatchableIncident } from './filter';

export interface PolledIncident extends MatchableIncident {
  name: string;
}

export interface Subscription {
  conversationId: string;
  filter: FeedFilter;
}

export type FeedAction =
  | { kind: 'post'; conversationId: string; incident: string }
  | { kind: 'update'; conversationId: string; incident: string; activityId: string }
  | { kind: 'digest'; conversationId: string; incidents: string[] };

/** `activityOf(conversation, incident)` answers from the incident-to-message map. */
export function planPoll(
  incidents: readonly PolledIncident[],
  subs: readonly Subscription[],
  activityOf: (conversationId: string, incident: string) => string | undefined,
  burstThreshold: number,
): FeedAction[] {
  const actions: FeedAction[] = [];
  for (const s of subs) {
    const fresh: string[] = [];
    for (const i of incidents) {
      const activityId = activityOf(s.conversationId, i.name);
      // An incident with a card keeps being updated even when it no longer matches (e.g. closed).
      if (activityId) actions.push({ kind: 'update', conversationId: s.conversationId, incident: i.name, activityId });
      else if (matches(s.filter, i)) fresh.push(i.name);
    }
    if (fresh.length > burstThreshold) actions.push({ kind: 'digest', conversationId: s.conversationId, incidents: fresh });
    else for (const name of fresh) actions.push({ kind: 'post', conversationId: s.conversationId, incident: name });
  }
  return actions;
}
