/**
 * What the audit table has not ingested yet, read back from the ARM API. Log Analytics makes
 * a SecurityIncident record queryable seconds to minutes after the change; ARM is never
 * behind. The audit views ask here whether ARM is ahead of a record, and let ARM decide for
 * the incidents changed within the ingestion lag.
 */
import type { Incident } from '../sentinel/types';
import type { LooseEnd, QueueItem } from './auditViews';
import type { IncidentsApi } from './ports';
import { namePeople, type AttributionComment } from './taskAttribution';
import { recordedTask, taskView } from './taskService';
import type { IncidentTasks } from './types';
import { incidentView } from './views';

/**
 * How far back ARM is asked for changed incidents: longer than Log Analytics' ingestion
 * takes (typically under 3 minutes, rarely more).
 */
export const INGESTION_LAG_WINDOW_MS = 15 * 60_000;

/** At most this many changed incidents are asked for; more within the lag window fall back to the audit table. */
const RECENT_MAX = 200;

/** At most this many just-closed incidents have their tasks read for "loose ends". */
const RECENT_CLOSED_MAX = 20;

const timeMs = (v: unknown): number => (typeof v === 'string' ? Date.parse(v) : Number.NaN);

/** True when ARM has a change the audit record (its LastModifiedTime) does not have yet. */
export function armIsAhead(incident: Incident, auditLastModified: unknown): boolean {
  const arm = timeMs(incident.properties.lastModifiedTimeUtc);
  const audit = timeMs(auditLastModified);
  if (Number.isNaN(arm)) return false;
  return Number.isNaN(audit) || arm > audit;
}

export class ReadBack {
  constructor(
    private readonly api: IncidentsApi,
    private readonly now: () => Date = () => new Date(),
  ) {}

  incidentByNumber(incidentNumber: number): Promise<Incident> {
    return this.api.getIncidentByNumber(incidentNumber);
  }

  /** The incident's tasks as they are now, dated by the incident's last change. */
  /** `comments` (from the audit record at hand) name the people behind the bot's own task changes. */
  async tasksOf(incident: Incident, comments: readonly AttributionComment[] = []): Promise<IncidentTasks> {
    const tasks = (await this.api.listTasks(incident.name)).sort((a, b) => (a.properties.createdTimeUtc ?? '').localeCompare(b.properties.createdTimeUtc ?? ''));
    const v = incidentView(incident);
    return {
      incident: { id: v.id, number: v.number, title: v.title, status: v.status, severity: v.severity, owner: v.owner },
      tasks: namePeople(tasks.map(recordedTask), comments),
      asOf: incident.properties.lastModifiedTimeUtc,
      source: 'live',
    };
  }

  /** Incidents Sentinel changed within the ingestion lag window, newest change first. */
  recentlyChanged(): Promise<Incident[]> {
    const since = new Date(this.now().getTime() - INGESTION_LAG_WINDOW_MS).toISOString();
    return this.api.listIncidents({ filter: `properties/lastModifiedTimeUtc ge ${since}`, orderBy: 'properties/lastModifiedTimeUtc desc', top: RECENT_MAX, maxPages: 1 });
  }

  /** A person's queue by number: a recently changed incident is in exactly when ARM says it is theirs and open. */
  correctQueue(items: Map<number, QueueItem>, recent: Incident[], objectId: string): void {
    for (const incident of recent) {
      const v = incidentView(incident);
      const mine = v.owner?.objectId?.toLowerCase() === objectId.toLowerCase() && v.status !== 'Closed';
      if (mine) items.set(v.number, { number: v.number, title: v.title, severity: v.severity, status: v.status, createdTime: v.createdTime });
      else items.delete(v.number);
    }
  }

  /**
   * Loose ends by number: for a recently changed incident ARM decides (just closed with
   * open tasks: in; just reopened, or its last task just completed: out).
   */
  async correctLooseEnds(byIncident: Map<number, LooseEnd>, recent: Incident[]): Promise<void> {
    const closed = recent.filter((i) => i.properties.status === 'Closed').slice(0, RECENT_CLOSED_MAX);
    const open = await Promise.all(closed.map(async (i) => (await this.api.listTasks(i.name)).filter((t) => t.properties.status !== 'Completed')));
    for (const incident of [...recent.filter((i) => i.properties.status !== 'Closed'), ...closed]) byIncident.delete(incident.properties.incidentNumber ?? -1);
    closed.forEach((incident, k) => {
      const tasks = open[k]!;
      if (tasks.length === 0) return;
      const v = incidentView(incident);
      byIncident.set(v.number, {
        incidentNumber: v.number,
        incidentTitle: v.title,
        owner: v.owner?.name,
        tasks: tasks.map(taskView).map((t) => ({ title: t.title, createdBy: t.createdBy, createdTime: t.createdTime })),
      });
    });
  }
}
