/**
 * Tokens that name the person a change is made for. Against the emulator, which is the demo
 * tenant's identity provider, a person's token carries their own claims (oid, name, upn, tid),
 * so Sentinel's records name them and their own role assignment applies.
 *
 * Whatever is built per person (a credential and the clients whose token caches hold that
 * person's tokens) is kept per tenant + object id, bounded, and dropped once unused for a
 * token's lifetime: nobody's token outlives it in memory, and no person's cache is another's.
 */
import type { TokenCredential } from '@azure/identity';
import { EmulatorTokenCredential, STATIC_TOKEN_LIFETIME_MS } from './credentials';

/** The person a change is made for, as the bot knows them from the activity and the directory. */
export interface ActingPerson {
  tenantId: string;
  objectId: string;
  name: string;
  userPrincipalName?: string;
}

/** The claims a person's token carries in the emulator: what Entra ID puts in a user's token. */
export function personClaims(person: ActingPerson): Record<string, string> {
  const claims: Record<string, string> = { oid: person.objectId.toLowerCase(), tid: person.tenantId.toLowerCase(), name: person.name };
  if (person.userPrincipalName) claims.upn = person.userPrincipalName;
  return claims;
}

export function emulatorPersonCredential(emulatorUrl: string, person: ActingPerson): TokenCredential {
  return new EmulatorTokenCredential(emulatorUrl, personClaims(person));
}

export const MAX_PEOPLE = 500;

export interface PerPersonOptions {
  max?: number;
  /** How long an unused entry is kept: the lifetime of the tokens it caches. */
  idleMs?: number;
  now?: () => number;
}

/** One value per person, least recently used dropped first, each expiring when idle. */
export class PerPerson<T> {
  private readonly entries = new Map<string, { value: T; until: number }>();
  private readonly max: number;
  private readonly idleMs: number;
  private readonly now: () => number;

  constructor(
    /** `assertion`: the person's Teams token, when their tokens are made from it (single sign-on). */
    private readonly create: (person: ActingPerson, assertion?: string) => T,
    options: PerPersonOptions = {},
  ) {
    this.max = options.max ?? MAX_PEOPLE;
    this.idleMs = options.idleMs ?? STATIC_TOKEN_LIFETIME_MS;
    this.now = options.now ?? Date.now;
  }

  get size(): number {
    return this.entries.size;
  }

  /**
   * The person's value, made anew when there is none, it idled out, or `stale` says it no
   * longer fits (built from a Teams token that has since been replaced). `expiresAt` caps
   * how long it is kept: a value holding tokens made from a Teams token goes when that does.
   */
  get(person: ActingPerson, options: { assertion?: string; stale?: (value: T) => boolean; expiresAt?: number } = {}): T {
    const key = keyOf(person);
    const now = this.now();
    this.sweep(now);
    const hit = this.entries.get(key);
    this.entries.delete(key);
    const value = hit && hit.until > now && !options.stale?.(hit.value) ? hit.value : this.create(person, options.assertion);
    this.entries.set(key, { value, until: Math.min(now + this.idleMs, options.expiresAt ?? Infinity) });
    while (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value as string);
    return value;
  }

  /**
   * Drops every entry past its time, not only the one asked for: a person who never comes back
   * must not leave their tokens in memory past their lifetime. At most MAX_PEOPLE entries.
   */
  private sweep(now: number): void {
    for (const [key, entry] of this.entries) if (entry.until <= now) this.entries.delete(key);
  }

  /** Forgets the person's value (they signed out): their cached tokens go with it. */
  delete(person: Pick<ActingPerson, 'tenantId' | 'objectId'>): boolean {
    return this.entries.delete(keyOf(person));
  }
}

function keyOf(person: Pick<ActingPerson, 'tenantId' | 'objectId'>): string {
  return `${person.tenantId.toLowerCase()}|${person.objectId.toLowerCase()}`;
}
