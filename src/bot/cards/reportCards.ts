/** The report conversation's cards: the form and the review. */
import type { ReportErrors, ReportValues } from '../../incidents/reportValidation';
import type { IncidentDraft, Person } from '../../incidents/types';
import { PEOPLE_DATASETS, type PeoplePicker } from '../person';
import { closingText, severityLabel } from './format';
import { statusName } from './sentinelNames';
import { renderCard, type AdaptiveCardJson } from './renderCard';

const FORM_TEXT = {
  conversation: { heading: 'Report suspicious activity', intro: 'Tell the SOC what you noticed. The title is required; everything else helps.' },
  messageDialog: {
    heading: 'Report this message to the SOC',
    intro: 'The message and where it came from are in the description. Add what you know, then create the incident.',
  },
} as const;

export interface ReportFormOptions {
  /**
   * In Teams itself the owner field searches people (the whole directory in personal chats
   * and dialogs, the conversation's members in group chats and channels); the Playground and
   * Web Chat cannot, and get "Assign to me" / "Nobody for now".
   */
  peoplePicker?: PeoplePicker;
  /** Responders also get status, classification and any owner; everyone else reports as New. */
  mayTriage?: boolean;
  /** `messageDialog`: the "Report to SOC" task dialog, whose one button submits the dialog and creates. */
  variant?: keyof typeof FORM_TEXT;
}

/** The report form: one template for the report conversation and the "Report to SOC" dialog. */
export function reportFormCard(submissionId: string, values: ReportValues, errors: ReportErrors = {}, options: ReportFormOptions = {}): AdaptiveCardJson {
  const variant = options.variant ?? 'conversation';
  return renderCard('reportForm', {
    ...FORM_TEXT[variant],
    inTaskDialog: variant === 'messageDialog',
    submissionId,
    values,
    errors,
    hasErrors: Object.keys(errors).length > 0,
    ...peoplePickerData(options.peoplePicker ?? 'none'),
    mayTriage: options.mayTriage ?? true,
  });
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
    severityText: severityLabel(draft.severity),
    statusText: statusName(draft.status),
    closing: closingText(draft.closure),
    owner: ownerLabel(draft.owner, reporter),
    tags: draft.tags.length ? draft.tags.join(', ') : 'None',
    description: draft.description || 'None',
  });
}
