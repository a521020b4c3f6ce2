/**
 * Whether a person belongs to one of the responder groups, asked of Microsoft Graph
 * (checkMemberGroups). Answers are cached for a few minutes in a bounded map, so a busy
 * responder does not cost a Graph call per click.
 */
import type { TokenCredential } from '@azure/identity';
import type { Logger } from '../logging';
import { AzureHttpClient, type AzureCallObserver, type HttpOptions } from '../azure/httpClient';

export interface GroupMembership {
  isMemberOfAny(objectId: string, groupIds: readonly string[]): Promise<boolean>;
}

const TTL_MS = 5 * 60 * 1000;
const MAX_ENTRIES = 5000;

export class GraphGroupMembership implements GroupMembership {
  private readonly http: AzureHttpClient;
  private readonly cache = new Map<string, { member: boolean; until: number }>();

  constructor(options: { credential: TokenCredential; endpoint?: string; http: HttpOptions; logger?: Logger; observer?: AzureCallObserver }) {
    const endpoint = options.endpoint ?? 'https://graph.microsoft.com';
    this.http = new AzureHttpClient({ baseUrl: endpoint, credential: options.credential, scope: `${endpoint}/.default`, api: 'graph', http: options.http, logger: options.logger, observer: options.observer });
  }

  async isMemberOfAny(objectId: string, groupIds: readonly string[]): Promise<boolean> {
    if (groupIds.length === 0) return false;
    const key = `${objectId}|${groupIds.join(',')}`;
    const hit = this.cache.get(key);
    if (hit && hit.until > Date.now()) return hit.member;
    const res = await this.http.request<{ value?: string[] }>({
      method: 'POST',
      url: `/v1.0/directoryObjects/${encodeURIComponent(objectId)}/checkMemberGroups`,
      data: { groupIds },
    });
    const member = (res.data.value ?? []).length > 0;
    if (this.cache.size >= MAX_ENTRIES) this.cache.delete(this.cache.keys().next().value as string);
    this.cache.set(key, { member, until: Date.now() + TTL_MS });
    return member;
  }
}
