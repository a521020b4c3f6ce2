/** Cards about incidents: one incident, a person's queue, closing, loose ends. */
import type { LooseEnd, QueueItem } from '../../incidents/auditViews';
import { SEVERITIES, type IncidentView, type TaskView } from '../../incidents/types';
import { closingText, SEVERITY_COLOR, severityLabel, TONE_COLOR, type Tone } from './format';
import { formatTime, UTC, type TimeZone } from './times';
import { Counted, counted, countedIs } from './counts';
import { backLink, type Back } from './backLink';
import { pageOf } from './paging';
import { statusName } from './sentinelNames';
import { renderCard, type AdaptiveCardJson } from './renderCard';

/** What the person had chosen on the card when their press failed, shown again as they left it. */
export interface IncidentInputs {
  severity?: string;
  status?: string;
}

/**
 * `tone` 'attention': the banner is an error about this press, so the card's later refreshes
 * leave it out; `inputs` are kept only when they are choices the card offers. `viewer`: the
 * object id of the person the card answers; its owner is not offered "Assign to me", and a card
 * for everyone (a channel notice) offers it. `back`: the list the card was opened from.
 */
export interface IncidentCardOptions {
  tone?: Tone;
  inputs?: IncidentInputs;
  back?: Back;
  viewer?: string;
  /** The reader's time zone; UTC for a card everyone sees (a channel notice, the feed). */
  zone?: TimeZone;
  /**
   * Offer the "Assign to…" people picker (Teams' dynamic typeahead, answered by the bot's
   * people search). Only Teams itself renders it; elsewhere "assign N to @name" is typed.
   */
  peoplePicker?: boolean;
}

export function incidentCard(incident: IncidentView, banner = '', options: IncidentCardOptions = {}): AdaptiveCardJson {
  const { tone = 'good', inputs = {}, back, viewer, zone = UTC, peoplePicker = false } = options;
  const severityInput = SEVERITIES.find((s) => s === inputs.severity) ?? incident.severity;
  const statusInput = inputs.status === 'New' || inputs.status === 'Active' ? inputs.status : incident.status === 'Closed' ? '' : incident.status;
  const owner = incident.owner?.objectId?.toLowerCase();
  return renderCard('incident', {
    banner,
    bannerColor: TONE_COLOR[tone],
    tone,
    refreshBanner: tone === 'attention' ? '' : banner,
    ...backLink(back),
    severityInput,
    statusInput,
    peoplePicker,
    offerAssignToMe: !viewer || !owner || owner !== viewer.toLowerCase(),
    number: incident.number,
    title: incident.title,
    severity: incident.severity,
    severityText: severityLabel(incident.severity),
    severityColor: SEVERITY_COLOR[incident.severity],
    status: incident.status,
    statusText: statusName(incident.status),
    closing: closingText(incident.closure),
    owner: incident.owner ? incident.owner.name : 'Unassigned',
    tags: incident.tags.length ? incident.tags.join(', ') : 'None',
    created: formatTime(incident.createdTime, zone),
    description: incident.description,
    url: incident.url ?? '',
  });
}

export const QUEUE_PAGE_SIZE = 8;

/** `asOf`: when the queue was read (the audit table, corrected from Sentinel for recent changes). */
export function incidentListCard(items: QueueItem[], page: number, who: string, asOf?: string, zone: TimeZone = UTC): AdaptiveCardJson {
  const pages = Math.max(1, Math.ceil(items.length / QUEUE_PAGE_SIZE));
  const current = Math.min(Math.max(1, page), pages);
  const shown = items.slice((current - 1) * QUEUE_PAGE_SIZE, current * QUEUE_PAGE_SIZE);
  return renderCard('incidentList', {
    heading: `Open incidents of ${who}`,
    subheading: items.length === 0 ? '' : `${items.length} open (New or Active), newest first${asOf ? `, as of ${formatTime(asOf, zone)}` : ''}${pages > 1 ? ` · page ${current} of ${pages}` : ''}`,
    items: shown.map((i) => ({ ...i, severityText: severityLabel(i.severity), statusText: statusName(i.status), severityColor: SEVERITY_COLOR[i.severity], created: formatTime(i.createdTime, zone) })),
    empty: 'Nothing assigned to you is open. Type "assign 405211 to me" to take an incident.',
    page: current,
    hasMore: current < pages,
    moreTitle: `Show ${Math.min(QUEUE_PAGE_SIZE, items.length - current * QUEUE_PAGE_SIZE)} more`,
    nextPage: current + 1,
  });
}

/** The close card names the first few open tasks; the count says how many there are. */
const CLOSE_TASKS_SHOWN = 10;
/** Loose ends list each incident's first open tasks; selecting the incident shows them all. */
const LOOSE_TASKS_SHOWN = 3;

export function closeIncidentCard(incident: IncidentView, openTasks: TaskView[], values: { classification?: string; comment?: string; error?: string } = {}): AdaptiveCardJson {
  const n = openTasks.length;
  return renderCard('closeIncident', {
    number: incident.number,
    title: incident.title,
    openTasks: openTasks.slice(0, CLOSE_TASKS_SHOWN).map((t) => ({ title: t.title })),
    openCount: n,
    moreOpen: n > CLOSE_TASKS_SHOWN ? `and ${n - CLOSE_TASKS_SHOWN} more` : '',
    warning: `${countedIs(n, 'task')} still open:`,
    closeLabel: n === 0 ? 'Close incident' : `Close with ${counted(n, 'open task')}`,
    classification: values.classification ?? '',
    comment: values.comment ?? '',
    error: values.error ?? '',
  });
}

export function looseEndsCard(items: LooseEnd[], offset = 0, zone: TimeZone = UTC): AdaptiveCardJson {
  const taskCount = items.reduce((a, i) => a + i.tasks.length, 0);
  const { rows, paging } = pageOf(items, offset);
  return renderCard('looseEnds', {
    summary:
      items.length === 0
        ? 'No loose ends: every closed incident has all its tasks completed or deleted.'
        : `${Counted(items.length, 'closed incident')} with ${counted(taskCount, 'open task')}. Select one to see its tasks.`,
    paging,
    incidents: rows.map((i) => ({
      number: i.incidentNumber,
      title: i.incidentTitle,
      owner: i.owner ?? 'nobody',
      moreTasks: i.tasks.length > LOOSE_TASKS_SHOWN ? `and ${counted(i.tasks.length - LOOSE_TASKS_SHOWN, 'more open task')}` : '',
      tasks: i.tasks.slice(0, LOOSE_TASKS_SHOWN).map((t) => ({ title: t.title, detail: [t.createdBy ? `created by ${t.createdBy}` : '', formatTime(t.createdTime, zone)].filter(Boolean).join(', ') })),
    })),
  });
}
