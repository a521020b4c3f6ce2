/** The report conversation's cards: the form and the review. */
import type { ReportErrors, ReportValues } from '../../incidents/reportValidation';
import type { IncidentDraft, Person } from '../../incidents/types';
import { PEOPLE_DATASETS, type PeoplePicker } from '../person';
import { closingText } from './format';
import { renderCard, type AdaptiveCardJson } from './renderCard';

export interface ReportFormOptions {
  peoplePicker?: PeoplePicker;
  /** Responders also get status, classification and any owner; everyone else reports as New. */
  mayTriage?: boolean;
}

/**
 * `peoplePicker`: in Teams itself the owner field searches people (the whole directory in
 * personal chats and dialogs, the conversation's members in group chats and channels); the
 * Playground and Web Chat cannot, and get "Assign to me" / "Nobody for now".
 */
export function reportFormCard(submissionId: string, values: ReportValues, errors: ReportErrors = {}, options: ReportFormOptions = {}): AdaptiveCardJson {
  return renderCard('reportForm', { submissionId, values, errors, hasErrors: Object.keys(errors).length > 0, ...peoplePickerData(options.peoplePicker ?? 'none'), mayTriage: options.mayTriage ?? true });
}

/** Template data for the Owner field: whether a picker is shown and what it searches. */
export function peoplePickerData(picker: PeoplePicker): { peoplePicker: boolean; peopleDataset: string } {
  return picker === 'none' ? { peoplePicker: false, peopleDataset: '' } : { peoplePicker: true, peopleDataset: PEOPLE_DATASETS[picker] };
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
