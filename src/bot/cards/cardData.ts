/**
 * Data for each card template. Pure functions from domain views to the template's
 * binding data: formatting (times, colours, summaries) happens here, never in templates.
 */
import type { ReportErrors, ReportValues } from '../../incidents/reportValidation';
import type { IncidentDraft, IncidentTasks, IncidentView, Person, Severity } from '../../incidents/types';
import { renderCard, type AdaptiveCardJson } from './renderCard';

const SEVERITY_COLOR: Record<Severity, string> = {
  High: 'Attention',
  Medium: 'Warning',
  Low: 'Accent',
  Informational: 'Default',
};

/** "20 Nov 2026, 09:15 UTC": unambiguous for a team spread over time zones. */
export function formatTime(iso: string | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${d.getUTCDate()} ${months[d.getUTCMonth()]} ${d.getUTCFullYear()}, ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())} UTC`;
}

function closingText(closure: IncidentDraft['closure']): string {
  if (!closure) return '';
  const reason = closure.classificationReason ? ` (${closure.classificationReason})` : '';
  const comment = closure.classificationComment ? `: ${closure.classificationComment}` : '';
  return `${closure.classification}${reason}${comment}`;
}

export const HELP_COMMANDS = [
  { example: 'report', description: 'Report suspicious activity: a short card creates a Sentinel incident.' },
  { example: 'report phishing email pretending to be the CEO', description: 'The same, with the title filled in.' },
  { example: 'show tasks for 405211', description: 'The tasks of an incident and who did what (also: tasks 405211).' },
  { example: 'assign 405211 to me', description: 'Take an incident: you become its owner.' },
  { example: 'show 405211', description: 'The incident card: status, owner, tags (also: status of 405211).' },
  { example: 'cancel', description: 'Stop the report you are filling in.' },
  { example: 'help', description: 'This list.' },
];

export function helpCard(intro = 'I help your SOC handle Microsoft Sentinel incidents right here in Teams. Try one of these:'): AdaptiveCardJson {
  return renderCard('help', { intro, commands: HELP_COMMANDS });
}

export function noticeCard(heading: string, message: string, options: { tone?: 'info' | 'error' | 'good'; showHelp?: boolean } = {}): AdaptiveCardJson {
  const color = options.tone === 'error' ? 'Attention' : options.tone === 'good' ? 'Good' : 'Default';
  return renderCard('notice', { heading, message, color, showHelp: options.showHelp ?? false });
}

export function reportFormCard(submissionId: string, values: ReportValues, errors: ReportErrors = {}): AdaptiveCardJson {
  return renderCard('reportForm', { submissionId, values, errors, hasErrors: Object.keys(errors).length > 0 });
}

export function ownerLabel(owner: IncidentDraft['owner'], reporter: Person): string {
  if (owner === 'me') return `${reporter.name || 'You'} (you)`;
  if (owner === 'none') return 'Nobody for now';
  return owner.name || owner.objectId;
}

export function reportReviewCard(submissionId: string, draft: IncidentDraft, reporter: Person, error = ''): AdaptiveCardJson {
  return renderCard('reportReview', {
    submissionId,
    error,
    title: draft.title,
    severity: draft.severity,
    status: draft.status,
    closing: closingText(draft.closure),
    owner: ownerLabel(draft.owner, reporter),
    tags: draft.tags.length ? draft.tags.join(', ') : 'None',
    description: draft.description || 'None',
  });
}

export function incidentCard(incident: IncidentView, banner = ''): AdaptiveCardJson {
  return renderCard('incident', {
    banner,
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

export function taskSummary(tasks: IncidentTasks['tasks']): string {
  if (tasks.length === 0) return 'No tasks';
  const done = tasks.filter((t) => t.status === 'Completed').length;
  return done === tasks.length ? `All ${tasks.length} done` : `${done} of ${tasks.length} done`;
}

export function tasksCard(view: IncidentTasks): AdaptiveCardJson {
  const done = view.tasks.filter((t) => t.status === 'Completed').length;
  return renderCard('tasks', {
    number: view.incident.number,
    title: view.incident.title,
    summary: taskSummary(view.tasks),
    summaryColor: view.tasks.length > 0 && done === view.tasks.length ? 'Good' : 'Default',
    asOf: formatTime(view.asOf),
    tasks: view.tasks.map((t) => {
      const created = [t.createdBy ? `by ${t.createdBy}` : '', formatTime(t.createdTime)].filter(Boolean).join(', ');
      const completed =
        t.status === 'Completed'
          ? ` · Completed${t.completedBy ? ` by ${t.completedBy}` : ''}${t.completedTime ? `, ${formatTime(t.completedTime)}` : ''}`
          : ' · Open';
      return {
        title: t.title,
        icon: t.status === 'Completed' ? '✔' : '○',
        iconColor: t.status === 'Completed' ? 'Good' : 'Default',
        detail: `Created${created ? ` ${created}` : ''}${completed}`,
      };
    }),
  });
}
