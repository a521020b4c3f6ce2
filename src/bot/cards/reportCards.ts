/** The report conversation's cards: the form and the review. */
import type { ReportErrors, ReportValues } from '../../incidents/reportValidation';
import type { IncidentDraft, Person } from '../../incidents/types';
import { closingText } from './format';
import { renderCard, type AdaptiveCardJson } from './renderCard';

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
