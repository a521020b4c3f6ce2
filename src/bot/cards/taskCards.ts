/** Cards about tasks: the list, a choice between similar titles, the history. */
import type { IncidentTasks, TaskView } from '../../incidents/types';
import type { TaskHistoryEntry } from '../../incidents/taskHistory';
import { TONE_COLOR, type Tone } from './format';
import { byAt, formatTime, UTC, type TimeZone } from './times';
import { doneSummary } from './counts';
import { backLink, type Back } from './backLink';
import { PAGE_SIZE, pageOf } from './paging';
import { taskStatusName } from './sentinelNames';
import { renderCard, type AdaptiveCardJson } from './renderCard';

export function taskSummary(tasks: TaskView[]): string {
  return doneSummary(tasks.length, tasks.filter((t) => t.status === 'Completed').length);
}

export interface TasksCardOptions {
  banner?: string;
  /** The first task shown (see paging.ts); numbers stay those of the whole list. */
  offset?: number;
  back?: Back;
  tone?: Tone;
  /** The reader's time zone. */
  zone?: TimeZone;
}

/**
 * A closed incident's tasks cannot be completed or added to (the bot refuses, as its open
 * work is the point of reopening), so its card offers neither Complete nor Add task, but
 * "Reopen incident", which asks first.
 */
export function tasksCard(view: IncidentTasks, options: TasksCardOptions = {}): AdaptiveCardJson {
  const { banner = '', offset = 0, back, tone = 'good', zone = UTC } = options;
  const done = view.tasks.filter((t) => t.status === 'Completed').length;
  const closed = view.incident.status === 'Closed';
  const { rows, paging } = pageOf(view.tasks, offset);
  return renderCard('tasks', {
    banner,
    bannerColor: TONE_COLOR[tone],
    number: view.incident.number,
    title: view.incident.title,
    summary: taskSummary(view.tasks),
    // Open work is a warning, never the success colour.
    summaryColor: view.tasks.length === 0 ? 'Default' : done === view.tasks.length ? 'Good' : 'Default',
    closed,
    asOf: formatTime(view.asOf, zone),
    live: view.source === 'live',
    paging,
    ...backLink(back),
    tasks: rows.map((t, i) => {
      const created = byAt(t.createdBy, t.createdTime, zone);
      const completedAt = byAt(t.completedBy, t.completedTime, zone);
      const completed = t.status === 'Completed' ? ` · ${taskStatusName(t.status)}${completedAt ? ` ${completedAt}` : ''}` : ` · ${taskStatusName(t.status)}`;
      return {
        taskId: t.taskId,
        completable: t.status !== 'Completed' && !closed,
        title: `${paging.offset + i + 1}. ${t.title}`,
        icon: t.status === 'Completed' ? '✔' : '○',
        iconColor: t.status === 'Completed' ? 'Good' : 'Default',
        detail: `Created${created ? ` ${created}` : ''}${completed}`,
      };
    }),
  });
}

export function taskChoiceCard(incidentNumber: number, query: string, candidates: TaskView[]): AdaptiveCardJson {
  return renderCard('taskChoice', { number: incidentNumber, query, candidates: candidates.slice(0, PAGE_SIZE).map((c) => ({ taskId: c.taskId, title: c.status === 'Completed' ? `${c.title} (done)` : c.title })) });
}

const EVENT_LOOK: Record<TaskHistoryEntry['event'], { what: string; icon: string; color: string }> = {
  created: { what: 'Created', icon: '+', color: 'Default' },
  completed: { what: 'Completed', icon: '✔', color: 'Good' },
  reopened: { what: 'Reopened', icon: '↺', color: 'Default' },
  renamed: { what: 'Renamed', icon: '✎', color: 'Default' },
  deleted: { what: 'Deleted', icon: '✖', color: 'Attention' },
};

export function taskHistoryCard(incidentNumber: number, title: string, entries: TaskHistoryEntry[], offset = 0, zone: TimeZone = UTC): AdaptiveCardJson {
  const { rows, paging } = pageOf(entries, offset);
  return renderCard('taskHistory', {
    number: incidentNumber,
    title,
    paging,
    entries: rows.map((e) => ({
      ...EVENT_LOOK[e.event],
      title: e.event === 'renamed' && e.previousTitle ? `${e.previousTitle} → ${e.title}` : e.title,
      detail: byAt(e.by, e.at, zone),
    })),
  });
}
