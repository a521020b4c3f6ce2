/**
 * What the incidents service needs from Sentinel and Log Analytics. SentinelClient and
 * AuditLogClient satisfy these; tests may pass the real clients pointed at the emulator.
 */
import type { Incident, IncidentComment, IncidentInput, IncidentTask } from '../sentinel/types';

export interface IncidentsApi {
  getIncidentByNumber(incidentNumber: number): Promise<Incident>;
  getIncident(incidentId: string): Promise<Incident>;
  listIncidents(options?: { filter?: string; orderBy?: string; top?: number; maxPages?: number }): Promise<Incident[]>;
  createOrUpdateIncident(
    incidentId: string,
    input: IncidentInput,
    options?: { ifMatch?: string; ifNoneMatch?: '*' },
  ): Promise<{ incident: Incident; created: boolean }>;
  listTasks(incidentId: string): Promise<IncidentTask[]>;
  getTask(incidentId: string, taskId: string): Promise<IncidentTask>;
  createOrUpdateTask(
    incidentId: string,
    taskId: string,
    task: { title: string; description?: string; status: 'New' | 'Completed' },
    options?: { ifMatch?: string },
  ): Promise<IncidentTask>;
  deleteTask(incidentId: string, taskId: string): Promise<void>;
  createComment(incidentId: string, commentId: string, message: string): Promise<IncidentComment>;
  /** Optional: only to name who closed an incident (see closedBy.ts). */
  listComments?(incidentId: string): Promise<IncidentComment[]>;
}

export interface QueryTable {
  columns: { name: string; type: string }[];
  rows: Record<string, unknown>[];
}

export interface AuditQueryApi {
  query(kql: string, options: { timespan: string; fresh?: boolean }): Promise<QueryTable>;
}
