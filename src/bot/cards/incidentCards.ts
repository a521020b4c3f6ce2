/** Cards about incidents: one incident, a person's queue, closing, loose ends. */
import type { LooseEnd, QueueItem } from '../../incidents/auditViews';
import type { IncidentView, TaskView } from '../../incidents/types';
import { closingText, formatTime, SEVERITY_COLOR } from './format';
import { renderCard, type AdaptiveCardJson } from './renderCard';

/**
 * `viewer`: the object id of the person the card answers. Its owner is not offered "Assign to
 * me"; a card for everyone (a channel notice) offers it.
 */
export function incidentCard(incident: IncidentView, banner = '', viewer?: string): AdaptiveCardJson {
  const owner = incident.owner?.objectId?.toLowerCase();
  return renderCard('incident', {
    banner,
    offerAssignToMe: !viewer || !owner || owner !== viewer.toLowerCase(),
    number: incident.number,
    title: incident.title,
    severity: incident.severity,
    severityColor: SEVERITY_COLOR[incident.severity],
    status: incident.status,
    closing: closingText(incident.closure),
    owner: incident.owner ? incident.owner.name : 'Unassigned',
    tags: incident.tags.length ? incident.tags.join(', ') : 'None',
    created: formatTime(incident.createdTime),
    description: incident.description,
    url: incident.url ?? '',
  });
}

export const QUEUE_PAGE_SIZE = 8;

/** `asOf`: when the queue was read (the audit table, corrected from Sentinel for recent changes). */
export function incidentListCard(items: QueueItem[], page: number, who: string, asOf?: string): AdaptiveCardJson {
  const pages = Math.max(1, Math.ceil(items.length / QUEUE_PAGE_SIZE));
  const current = Math.min(Math.max(1, page), pages);
  const shown = items.slice((current - 1) * QUEUE_PAGE_SIZE, current * QUEUE_PAGE_SIZE);
  return renderCard('incidentList', {
    heading: `Open incidents of ${who}`,
    subheading: items.length === 0 ? '' : `${items.length} open (New or Active), newest first${asOf ? `, as of ${formatTime(asOf)}` : ''}${pages > 1 ? ` · page ${current} of ${pages}` : ''}`,
    items: shown.map((i) => ({ ...i, severityColor: SEVERITY_COLOR[i.severity], created: formatTime(i.createdTime) })),
    empty: 'Nothing assigned to you is open. Type "assign 405211 to me" to take an incident.',
    hasMore: current < pages,
    nextPage: current + 1,
  });
}

export function closeIncidentCard(incident: IncidentView, openTasks: TaskView[], values: { classification?: string; comment?: string; error?: string } = {}): AdaptiveCardJson {
  const n = openTasks.length;
  return renderCard('closeIncident', {
    number: incident.number,
    title: incident.title,
    openTasks: openTasks.map((t) => ({ title: t.title })),
    warning: n === 1 ? '1 task is still open:' : `${n} tasks are still open:`,
    closeLabel: n === 0 ? 'Close incident' : n === 1 ? 'Close with 1 open task' : `Close with ${n} open tasks`,
    classification: values.classification ?? '',
    comment: values.comment ?? '',
    error: values.error ?? '',
  });
}

export function looseEndsCard(items: LooseEnd[]): AdaptiveCardJson {
  const taskCount = items.reduce((a, i) => a + i.tasks.length, 0);
  return renderCard('looseEnds', {
    summary:
      items.length === 0
        ? 'No loose ends: every closed incident has all its tasks completed or deleted.'
        : `${items.length} closed incident${items.length === 1 ? '' : 's'} with ${taskCount} open task${taskCount === 1 ? '' : 's'}. Select one to see its tasks.`,
    incidents: items.map((i) => ({
      number: i.incidentNumber,
      title: i.incidentTitle,
      owner: i.owner ?? 'nobody',
      tasks: i.tasks.map((t) => ({ title: t.title, detail: [t.createdBy ? `created by ${t.createdBy}` : '', formatTime(t.createdTime)].filter(Boolean).join(', ') })),
    })),
  });
}
