/**
 * Microsoft Sentinel incidents, tasks and comments over ARM (api-version configurable,
 * 2025-09-01 by default). Verbs follow the Azure SDK guidelines: get, list, createOrUpdate,
 * delete. Ids are checked before they become path segments.
 */
import type { TokenCredential } from '@azure/identity';
import type { WorkspaceConfig } from '../config';
import type { Logger } from '../logging';
import { AzureHttpClient, type HttpOptions, type HttpStats } from './azureHttpClient';
import { scopeFor } from './credentials';
import { SentinelError } from './errors';
import type { Incident, IncidentComment, IncidentInput, IncidentTask, IncidentTaskStatus, ListResult } from './types';

export interface SentinelClientOptions {
  workspace: WorkspaceConfig;
  credential: TokenCredential;
  http: HttpOptions;
  logger?: Logger;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

export interface ListIncidentsOptions {
  filter?: string;
  orderBy?: string;
  top?: number;
  /** How many pages (nextLink) to follow at most; default 10. */
  maxPages?: number;
}

const SAFE_ID = /^[A-Za-z0-9][A-Za-z0-9-]{0,63}$/;

function segment(kind: string, id: string): string {
  if (!SAFE_ID.test(id)) throw new SentinelError('BAD_REQUEST', `invalid ${kind} id`);
  return encodeURIComponent(id);
}

export class SentinelClient {
  private readonly http: AzureHttpClient;
  private readonly base: string;
  private readonly apiVersion: string;

  constructor(options: SentinelClientOptions) {
    const w = options.workspace;
    this.apiVersion = w.apiVersion;
    this.base =
      `/subscriptions/${encodeURIComponent(w.subscriptionId)}/resourceGroups/${encodeURIComponent(w.resourceGroup)}` +
      `/providers/Microsoft.OperationalInsights/workspaces/${encodeURIComponent(w.workspaceName)}/providers/Microsoft.SecurityInsights`;
    this.http = new AzureHttpClient({
      baseUrl: w.armEndpoint,
      credential: options.credential,
      scope: scopeFor(w.armEndpoint),
      api: 'arm',
      http: options.http,
      logger: options.logger,
      sleep: options.sleep,
      random: options.random,
    });
  }

  stats(): HttpStats {
    return this.http.stats();
  }

  private params(extra: Record<string, string | number | undefined> = {}): Record<string, string | number | undefined> {
    return { 'api-version': this.apiVersion, ...extra };
  }

  private incidentPath(incidentId: string): string {
    return `${this.base}/incidents/${segment('incident', incidentId)}`;
  }

  private async list<T>(path: string, params: Record<string, string | number | undefined>, maxPages: number): Promise<T[]> {
    const items: T[] = [];
    let res = await this.http.request<ListResult<T>>({ method: 'GET', url: path, params: this.params(params) });
    for (let page = 1; ; page++) {
      items.push(...(res.data.value ?? []));
      const next = res.data.nextLink;
      if (!next || page >= maxPages) return items;
      // nextLink is absolute and carries its own api-version and skip token.
      res = await this.http.request<ListResult<T>>({ method: 'GET', url: next });
    }
  }

  listIncidents(options: ListIncidentsOptions = {}): Promise<Incident[]> {
    return this.list<Incident>(`${this.base}/incidents`, { $filter: options.filter, $orderby: options.orderBy, $top: options.top }, options.maxPages ?? 10);
  }

  /** Incidents are numbered in chat and named by GUID in ARM: one filtered list call maps them. */
  async getIncidentByNumber(incidentNumber: number): Promise<Incident> {
    if (!Number.isSafeInteger(incidentNumber) || incidentNumber < 1) throw new SentinelError('BAD_REQUEST', 'invalid incident number');
    const [incident] = await this.list<Incident>(`${this.base}/incidents`, { $filter: `properties/incidentNumber eq ${incidentNumber}`, $top: 1 }, 1);
    if (!incident) throw new SentinelError('NOT_FOUND', `incident ${incidentNumber} not found`, { statusCode: 404 });
    return incident;
  }

  async getIncident(incidentId: string): Promise<Incident> {
    return (await this.http.request<Incident>({ method: 'GET', url: this.incidentPath(incidentId), params: this.params() })).data;
  }

  async createOrUpdateIncident(
    incidentId: string,
    input: IncidentInput,
    options: { ifMatch?: string; ifNoneMatch?: '*' } = {},
  ): Promise<{ incident: Incident; created: boolean }> {
    const headers: Record<string, string> = {};
    if (options.ifMatch) headers['If-Match'] = options.ifMatch;
    if (options.ifNoneMatch) headers['If-None-Match'] = options.ifNoneMatch;
    const res = await this.http.request<Incident>({ method: 'PUT', url: this.incidentPath(incidentId), params: this.params(), data: input, headers });
    return { incident: res.data, created: res.status === 201 };
  }

  async deleteIncident(incidentId: string): Promise<void> {
    await this.http.request({ method: 'DELETE', url: this.incidentPath(incidentId), params: this.params() });
  }

  listTasks(incidentId: string): Promise<IncidentTask[]> {
    return this.list<IncidentTask>(`${this.incidentPath(incidentId)}/tasks`, {}, 10);
  }

  async getTask(incidentId: string, taskId: string): Promise<IncidentTask> {
    return (await this.http.request<IncidentTask>({ method: 'GET', url: `${this.incidentPath(incidentId)}/tasks/${segment('task', taskId)}`, params: this.params() })).data;
  }

  async createOrUpdateTask(
    incidentId: string,
    taskId: string,
    task: { title: string; description?: string; status: IncidentTaskStatus },
    options: { ifMatch?: string } = {},
  ): Promise<IncidentTask> {
    const headers: Record<string, string> = options.ifMatch ? { 'If-Match': options.ifMatch } : {};
    const url = `${this.incidentPath(incidentId)}/tasks/${segment('task', taskId)}`;
    return (await this.http.request<IncidentTask>({ method: 'PUT', url, params: this.params(), data: { properties: task }, headers })).data;
  }

  async deleteTask(incidentId: string, taskId: string): Promise<void> {
    await this.http.request({ method: 'DELETE', url: `${this.incidentPath(incidentId)}/tasks/${segment('task', taskId)}`, params: this.params() });
  }

  listComments(incidentId: string, options: { maxPages?: number } = {}): Promise<IncidentComment[]> {
    return this.list<IncidentComment>(`${this.incidentPath(incidentId)}/comments`, {}, options.maxPages ?? 10);
  }

  async getComment(incidentId: string, commentId: string): Promise<IncidentComment> {
    return (await this.http.request<IncidentComment>({ method: 'GET', url: `${this.incidentPath(incidentId)}/comments/${segment('comment', commentId)}`, params: this.params() })).data;
  }

  async createComment(incidentId: string, commentId: string, message: string): Promise<IncidentComment> {
    const url = `${this.incidentPath(incidentId)}/comments/${segment('comment', commentId)}`;
    return (await this.http.request<IncidentComment>({ method: 'PUT', url, params: this.params(), data: { properties: { message } } })).data;
  }

  async deleteComment(incidentId: string, commentId: string): Promise<void> {
    await this.http.request({ method: 'DELETE', url: `${this.incidentPath(incidentId)}/comments/${segment('comment', commentId)}`, params: this.params() });
  }
}
