/**
 * The report dialog's id, verbs and options: what starting a report needs, kept apart from the
 * dialog so callers do not load botbuilder-dialogs (see DialogRunner).
 */
import type { ReportErrors, ReportValues } from '../../incidents/reportValidation';

export const REPORT_INCIDENT_DIALOG = 'reportIncident';
export const VERBS = {
  submit: 'report.submit',
  create: 'report.create',
  edit: 'report.edit',
  cancel: 'report.cancel',
} as const;

export interface ReportOptions {
  title?: string;
  submissionId?: string;
  values?: ReportValues;
  errors?: ReportErrors;
  /** Set when creating failed: show the review card again with this sentence. */
  reviewError?: string;
}
