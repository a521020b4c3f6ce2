/**
 * Finding the person an incident is handed to: by object id (a Teams mention, a button) or by
 * name ("to Ada Lovelace", "to ada"). Only a person the directory knows can become an owner,
 * so the owner written to Sentinel is always a real directory object id.
 */
import type { TokenCredential } from '@azure/identity';
import type { Logger } from '../logging';
import { AzureHttpClient, type AzureCallObserver, type HttpOptions } from '../azure/httpClient';

export interface DirectoryPerson {
  objectId: string;
  name: string;
  userPrincipalName?: string;
  email?: string;
}

export interface PeopleDirectory {
  /** The person with this object id; undefined when the directory has no such user. */
  get(objectId: string): Promise<DirectoryPerson | undefined>;
  /** People whose names (or the start of their sign-in name) match every word typed; at most `max`. */
  search(text: string, max: number): Promise<DirectoryPerson[]>;
  /** The first `max` people, for a people picker before anything is typed (never to resolve a name). */
  first(max: number): Promise<DirectoryPerson[]>;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Lowercase, without accents: "Adèle" is found by "adele". */
export function foldName(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

function words(text: string): string[] {
  return foldName(text).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

/** Every typed word starts a word of the person's name or sign-in name. */
export function nameMatches(query: string, person: DirectoryPerson & { givenName?: string; surname?: string }): boolean {
  const typed = words(query);
  if (typed.length === 0) return false;
  const theirs = [...words(person.name), ...words(person.givenName ?? ''), ...words(person.surname ?? ''), ...words((person.userPrincipalName ?? '').split('@')[0] ?? '')];
  return typed.every((w) => theirs.some((t) => t.startsWith(w)));
}

/** A fixed list of people: the demo tenant (the emulator's directory holds the same people). */
export class StaticPeopleDirectory implements PeopleDirectory {
  constructor(private readonly people: ReadonlyArray<DirectoryPerson & { givenName?: string; surname?: string }>) {}

  get(objectId: string): Promise<DirectoryPerson | undefined> {
    const hit = this.people.find((p) => p.objectId.toLowerCase() === objectId.toLowerCase());
    return Promise.resolve(hit ? plain(hit) : undefined);
  }

  search(text: string, max: number): Promise<DirectoryPerson[]> {
    return Promise.resolve(this.people.filter((p) => nameMatches(text, p)).slice(0, max).map(plain));
  }

  first(max: number): Promise<DirectoryPerson[]> {
    return Promise.resolve(this.people.slice(0, max).map(plain));
  }
}

function plain(p: DirectoryPerson): DirectoryPerson {
  return { objectId: p.objectId.toLowerCase(), name: p.name, userPrincipalName: p.userPrincipalName, email: p.email };
}

interface GraphUser {
  id?: string;
  displayName?: string | null;
  userPrincipalName?: string | null;
  mail?: string | null;
  givenName?: string | null;
  surname?: string | null;
}

/** OData string literal: a quote is doubled, so a typed name can never end the literal. */
export function odataString(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/** Microsoft Graph users (needs User.ReadBasic.All). */
export class GraphPeopleDirectory implements PeopleDirectory {
  private readonly http: AzureHttpClient;

  constructor(options: { credential: TokenCredential; endpoint?: string; http: HttpOptions; logger?: Logger; observer?: AzureCallObserver }) {
    const endpoint = options.endpoint ?? 'https://graph.microsoft.com';
    this.http = new AzureHttpClient({ baseUrl: endpoint, credential: options.credential, scope: `${endpoint}/.default`, api: 'graph', http: options.http, logger: options.logger, observer: options.observer });
  }

  async get(objectId: string): Promise<DirectoryPerson | undefined> {
    if (!GUID.test(objectId)) return undefined;
    try {
      const res = await this.http.request<GraphUser>({ method: 'GET', url: `/v1.0/users/${encodeURIComponent(objectId)}?$select=id,displayName,userPrincipalName,mail` });
      return fromGraph(res.data);
    } catch (err) {
      if ((err as { statusCode?: unknown }).statusCode === 404) return undefined;
      throw err;
    }
  }

  async search(text: string, max: number): Promise<DirectoryPerson[]> {
    // Typed as is (O'Brien keeps its quote), so Graph sees the start of the real name.
    const first = text.trim().split(/\s+/)[0]?.slice(0, 64);
    if (!first || words(first).length === 0) return [];
    // Graph filters on the start of one field; the other words are checked here.
    const q = odataString(first);
    const filter = `startswith(displayName,${q}) or startswith(givenName,${q}) or startswith(surname,${q}) or startswith(userPrincipalName,${q})`;
    const res = await this.http.request<{ value?: GraphUser[] }>({ method: 'GET', url: `/v1.0/users?$filter=${encodeURIComponent(filter)}&$select=id,displayName,userPrincipalName,mail,givenName,surname&$top=25` });
    return (res.data.value ?? [])
      .filter((u) => nameMatches(text, { objectId: u.id ?? '', name: u.displayName ?? '', userPrincipalName: u.userPrincipalName ?? undefined, givenName: u.givenName ?? undefined, surname: u.surname ?? undefined }))
      .map(fromGraph)
      .filter((p): p is DirectoryPerson => p !== undefined)
      .slice(0, max);
  }

  async first(max: number): Promise<DirectoryPerson[]> {
    const top = Math.min(Math.max(1, Math.trunc(max)), 100);
    const res = await this.http.request<{ value?: GraphUser[] }>({ method: 'GET', url: `/v1.0/users?$select=id,displayName,userPrincipalName,mail&$top=${top}` });
    return (res.data.value ?? []).map(fromGraph).filter((p): p is DirectoryPerson => p !== undefined).slice(0, max);
  }
}

function fromGraph(u: GraphUser): DirectoryPerson | undefined {
  if (!u.id || !GUID.test(u.id)) return undefined;
  return { objectId: u.id.toLowerCase(), name: u.displayName || u.userPrincipalName || u.id, userPrincipalName: u.userPrincipalName ?? undefined, email: u.mail ?? undefined };
}
