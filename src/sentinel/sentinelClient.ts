/**
 * Microsoft Sentinel incidents, tasks and comments over ARM (api-version from config,
 * 2025-09-01 by default). Verbs follow the Azure SDK guidelines: get, list, createOrUpdate,
 * delete. Ids are checked before they become path segments, and numbers before they
 * become filters, so nothing a person typed can reshape a request.
 */
import { conditionalHeaders, DEFAULT_MAX_PAGES, MAX_TOP, positiveInt, segment, skipTokenOf, writableIncidentBody } from './armInputs';
import { armScope } from '../azure/credentials';
import { AzureError } from '../azure/errors';
import { AzureHttpClient, type HttpStats } from '../azure/httpClient';
import type { WorkspaceClientOptions } from './clientOptions';
import type { Incident, IncidentComment, IncidentInput, IncidentTask, IncidentTaskInput, ListResult } from './types';

export { isSafeResourceId } from './armInputs';

export type SentinelClientOptions = WorkspaceClientOptions;

export interface ListIncidentsOptions {
  /** OData `$filter`, e.g. `properties/status eq 'New'`. Built by the caller from typed values. */
  filter?: string;
  /** OData `$orderby`, e.g. `properties/createdTimeUtc desc`. */
  orderBy?: string;
  /** Page size (`$top`), 1 to 1000. */
  top?: number;
  /** How many pages (nextLink) to follow at most; default 10. */
  maxPages?: number;
}

export interface ListIncidentsPageOptions extends Omit<ListIncidentsOptions, 'maxPages'> {
  /** The `$skipToken` of a previous page's nextLink. */
  skipToken?: string;
}

export interface IncidentsPage {
  incidents: Incident[];
  /** Present when more pages exist; pass it back as `skipToken`. */
  skipToken?: string;
  nextLink?: string;
}

export interface CreateOrUpdateIncidentOptions {
  /** Update only if the incident still has this etag (Sentinel answers 409 CONFLICT otherwise). */
  ifMatch?: string;
  /** `*`: create only; an existing incident answers 412 PRECONDITION_FAILED. */
  ifNoneMatch?: '*';
}

export interface CreateOrUpdateTaskOptions {
  ifMatch?: string;
}

export class SentinelClient {
  private readonly http: AzureHttpClient;
  private readonly base: string;
  private readonly apiVersion: string;

  constructor({ workspace: w, ...options }: SentinelClientOptions) {
    this.apiVersion = w.apiVersion;
    this.base =
      `/subscriptions/${encodeURIComponent(w.subscriptionId)}/resourceGroups/${encodeURIComponent(w.resourceGroup)}` +
      `/providers/Microsoft.OperationalInsights/workspaces/${encodeURIComponent(w.workspaceName)}/providers/Microsoft.SecurityInsights`;
    this.http = new AzureHttpClient({ ...options, baseUrl: w.armEndpoint, scope: armScope(w), api: 'arm', workspaceName: w.workspaceName });
  }

  stats(): HttpStats {
    return this.http.stats();
  }

  // Incidents

  async listIncidents(options: ListIncidentsOptions = {}): Promise<Incident[]> {
    const maxPages = positiveInt('maxPages', options.maxPages) ?? DEFAULT_MAX_PAGES;
    return this.list<Incident>(`${this.base}/incidents`, this.listParams(options), maxPages);
  }

  /** One page, for callers that page through a long queue themselves. */
  async listIncidentsPage(options: ListIncidentsPageOptions = {}): Promise<IncidentsPage> {
    const params = { ...this.listParams(options), $skipToken: options.skipToken };
    const res = await this.http.request<ListResult<Incident>>({ method: 'GET', url: `${this.base}/incidents`, params });
    const nextLink = res.data?.nextLink || undefined;
    return { incidents: res.data?.value ?? [], nextLink, skipToken: skipTokenOf(nextLink) };
  }

  /** Incidents are numbered in chat and named by GUID in ARM: one filtered list call maps them. */
  async getIncidentByNumber(incidentNumber: number): Promise<Incident> {
    if (!Number.isSafeInteger(incidentNumber) || incidentNumber < 1) throw new AzureError('BAD_REQUEST', 'invalid incident number');
    const params = { 'api-version': this.apiVersion, $filter: `properties/incidentNumber eq ${incidentNumber}`, $top: 1 };
    const [incident] = await this.list<Incident>(`${this.base}/incidents`, params, 1);
    if (!incident || incident.properties?.incidentNumber !== incidentNumber) {
      throw new AzureError('NOT_FOUND', `incident ${incidentNumber} not found`, { statusCode: 404 });
    }
    return incident;
  }

  async getIncident(incidentId: string): Promise<Incident> {
    return (await this.http.request<Incident>({ method: 'GET', url: this.incidentPath(incidentId), params: this.params() })).data;
  }

  /** PUT; `created` is true when Sentinel answered 201. */
  async createOrUpdateIncident(
    incidentId: string,
    input: IncidentInput,
    options: CreateOrUpdateIncidentOptions = {},
  ): Promise<{ incident: Incident; created: boolean }> {
    const url = this.incidentPath(incidentId);
    const headers = conditionalHeaders(options);
    const res = await this.http.request<Incident>({ method: 'PUT', url, params: this.params(), data: writableIncidentBody(input), headers });
    return { incident: res.data, created: res.status === 201 };
  }

  async deleteIncident(incidentId: string): Promise<void> {
    await this.http.request({ method: 'DELETE', url: this.incidentPath(incidentId), params: this.params() });
  }

  // Tasks

  listTasks(incidentId: string, options: { maxPages?: number } = {}): Promise<IncidentTask[]> {
    const maxPages = positiveInt('maxPages', options.maxPages) ?? DEFAULT_MAX_PAGES;
    return this.list<IncidentTask>(`${this.incidentPath(incidentId)}/tasks`, this.params(), maxPages);
  }

  async getTask(incidentId: string, taskId: string): Promise<IncidentTask> {
    return (await this.http.request<IncidentTask>({ method: 'GET', url: this.taskPath(incidentId, taskId), params: this.params() })).data;
  }

  async createOrUpdateTask(incidentId: string, taskId: string, task: IncidentTaskInput, options: CreateOrUpdateTaskOptions = {}): Promise<IncidentTask> {
    const url = this.taskPath(incidentId, taskId);
    const headers = conditionalHeaders(options);
    const properties: IncidentTaskInput = { title: task.title, status: task.status };
    if (task.description !== undefined) properties.description = task.description;
    const data = options.ifMatch !== undefined ? { etag: options.ifMatch, properties } : { properties };
    return (await this.http.request<IncidentTask>({ method: 'PUT', url, params: this.params(), data, headers })).data;
  }

  async deleteTask(incidentId: string, taskId: string): Promise<void> {
    await this.http.request({ method: 'DELETE', url: this.taskPath(incidentId, taskId), params: this.params() });
  }

  // Comments

  listComments(incidentId: string, options: { maxPages?: number } = {}): Promise<IncidentComment[]> {
    const maxPages = positiveInt('maxPages', options.maxPages) ?? DEFAULT_MAX_PAGES;
    return this.list<IncidentComment>(`${this.incidentPath(incidentId)}/comments`, this.params(), maxPages);
  }

  async getComment(incidentId: string, commentId: string): Promise<IncidentComment> {
    return (await this.http.request<IncidentComment>({ method: 'GET', url: this.commentPath(incidentId, commentId), params: this.params() })).data;
  }

  /** PUT with a caller-chosen id, so a retried or double-clicked submit writes one comment. */
  async createComment(incidentId: string, commentId: string, message: string): Promise<IncidentComment> {
    const url = this.commentPath(incidentId, commentId);
    if (typeof message !== 'string' || message.trim() === '') throw new AzureError('BAD_REQUEST', 'a comment needs a message');
    return (await this.http.request<IncidentComment>({ method: 'PUT', url, params: this.params(), data: { properties: { message } } })).data;
  }

  async deleteComment(incidentId: string, commentId: string): Promise<void> {
    await this.http.request({ method: 'DELETE', url: this.commentPath(incidentId, commentId), params: this.params() });
  }

  // Plumbing

  private params(): Record<string, string> {
    return { 'api-version': this.apiVersion };
  }

  private listParams(options: Omit<ListIncidentsOptions, 'maxPages'>): Record<string, string | number | undefined> {
    return { 'api-version': this.apiVersion, $filter: options.filter || undefined, $orderby: options.orderBy || undefined, $top: positiveInt('top', options.top, MAX_TOP) };
  }

  private incidentPath(incidentId: string): string {
    return `${this.base}/incidents/${segment('incident', incidentId)}`;
  }

  private taskPath(incidentId: string, taskId: string): string {
    return `${this.incidentPath(incidentId)}/tasks/${segment('task', taskId)}`;
  }

  private commentPath(incidentId: string, commentId: string): string {
    return `${this.incidentPath(incidentId)}/comments/${segment('comment', commentId)}`;
  }

  private async list<T>(path: string, params: Record<string, string | number | undefined>, maxPages: number): Promise<T[]> {
    const items: T[] = [];
    let res = await this.http.request<ListResult<T>>({ method: 'GET', url: path, params });
    for (let page = 1; ; page++) {
      items.push(...(res.data?.value ?? []));
      const next = res.data?.nextLink;
      if (!next || page >= maxPages) return items;
      // nextLink is absolute and carries its own api-version and skip token; the http client checks its origin.
      res = await this.http.request<ListResult<T>>({ method: 'GET', url: next });
    }
  }
}
