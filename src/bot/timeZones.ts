/**
 * Each person's time zone. Teams sends it (`localTimezone`, an IANA name) with every message
 * the person types, but not always with a card press or a card refresh: the last zone a
 * person's message named is remembered in the state store (shared by all instances), keyed by
 * their tenant and Entra object id, and used for their presses too. No known zone: UTC.
 */
import type { TurnContext } from 'botbuilder';
import type { Logger } from '../logging';
import { timeZoneOf, UTC, type TimeZone } from './cards/times';
import { isGuid } from './ids';
import { StateConflictError, type StateStore } from './storage';

/** A person changes zone rarely; a remembered zone is trusted this long before it is read again. */
const KNOWN_TTL_MS = 10 * 60 * 1000;
const KNOWN_MAX = 5000;

const TURN_ZONE = Symbol('timeZone');

/** The zone found for this turn (see IncidentBot), for dialogs, which only see the turn. */
export function zoneOfTurn(turn: TurnContext): TimeZone {
  return (turn.turnState.get(TURN_ZONE) as TimeZone | undefined) ?? UTC;
}

export class TimeZoneMemory {
  private readonly known = new Map<string, { zone: TimeZone | undefined; until: number }>();

  constructor(
    private readonly store: StateStore,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  /** The sender's zone for this turn: the one the activity names, else the one remembered, else UTC. */
  async zoneFor(turn: TurnContext): Promise<TimeZone> {
    const sent = timeZoneOf((turn.activity as { localTimezone?: unknown }).localTimezone);
    const key = keyOf(turn);
    if (!key) return keepForTurn(turn, sent ?? UTC);
    try {
      const remembered = await this.remembered(key);
      if (sent && sent !== remembered) await this.remember(key, sent);
      return keepForTurn(turn, sent ?? remembered ?? UTC);
    } catch (err) {
      // The zone only changes how times read: a store that fails must not fail the turn.
      this.logger.warn({ code: (err as { code?: unknown }).code }, 'could not read or save the time zone');
      return keepForTurn(turn, sent ?? UTC);
    }
  }

  private async remembered(key: string): Promise<TimeZone | undefined> {
    const hit = this.known.get(key);
    if (hit && hit.until > this.now()) return hit.zone;
    const record = await this.store.read(key);
    const zone = timeZoneOf(record?.value.timeZone);
    this.keep(key, zone);
    return zone;
  }

  private async remember(key: string, zone: TimeZone): Promise<void> {
    const record = await this.store.read(key);
    try {
      await this.store.write(key, { timeZone: zone }, record?.eTag);
    } catch (err) {
      // Another turn of the same person saved at the same moment: theirs is as recent as ours.
      if (!(err instanceof StateConflictError)) throw err;
    }
    this.keep(key, zone);
  }

  private keep(key: string, zone: TimeZone | undefined): void {
    this.known.delete(key);
    if (this.known.size >= KNOWN_MAX) this.known.delete(this.known.keys().next().value as string);
    this.known.set(key, { zone, until: this.now() + KNOWN_TTL_MS });
  }
}

function keepForTurn(turn: TurnContext, zone: TimeZone): TimeZone {
  turn.turnState.set(TURN_ZONE, zone);
  return zone;
}

/** Only a person with an Entra object id is remembered (outside Teams, the zone sent is used alone). */
function keyOf(turn: TurnContext): string | undefined {
  const { from, conversation } = turn.activity;
  if (!isGuid(from?.aadObjectId)) return undefined;
  const tenant = typeof conversation?.tenantId === 'string' && isGuid(conversation.tenantId) ? conversation.tenantId.toLowerCase() : 'none';
  return `timezones/${tenant}/${from.aadObjectId.toLowerCase()}`;
}
