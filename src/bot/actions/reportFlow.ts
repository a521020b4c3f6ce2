/**
 * Shared by the report verbs: start the report dialog, or feed a button press to it.
 * A press that finds no report in progress (the dialog ended, was cancelled, or state
 * expired) gets an answer too, never silence.
 */
import type { TurnContext } from 'botbuilder';
import { UserError } from '../../incidents/errors';
import { submissionKey } from '../../incidents/incidentId';
import { incidentCard } from '../cards/incidentCards';
import { isGuid, senderKey } from '../person';
import { showCard } from '../replies';
import { REPORT_INCIDENT_DIALOG, type ReportOptions } from '../dialogs/reportOptions';
import type { BotServices, VerbHandler } from './verbContext';

export async function startReport(turn: TurnContext, services: BotServices, title?: string): Promise<void> {
  const dc = await services.dialogs.createContext(turn);
  // A new report replaces an unfinished one: its card's buttons then answer "expired".
  if (dc.activeDialog) await dc.cancelAllDialogs();
  const options: ReportOptions = title ? { title } : {};
  await dc.beginDialog(REPORT_INCIDENT_DIALOG, options);
}

export async function continueReport(turn: TurnContext, services: BotServices, whenNoReport: () => Promise<void>): Promise<void> {
  const dc = await services.dialogs.createContext(turn);
  if (!dc.activeDialog) {
    await whenNoReport();
    return;
  }
  await dc.continueDialog();
}

/** A Create press with no report in progress: it may be the second click of a double click. */
export async function answerLateCreate(turn: TurnContext, services: BotServices, data: Record<string, unknown>): Promise<void> {
  const submissionId = data.submissionId;
  if (!isGuid(submissionId)) throw new UserError('REPORT_EXPIRED');
  const existing = await services.incidents.findSubmitted(submissionKey(senderKey(turn), submissionId));
  if (!existing) throw new UserError('REPORT_EXPIRED');
  await showCard(turn, incidentCard(existing, `This report was already created as incident ${existing.number}.`));
}

/**
 * Verbs `report.submit`, `report.edit`, `report.cancel`: the dialog in progress decides
 * what they mean at its current step.
 */
export const handleReportStep: VerbHandler = async ({ turn, data, services }) =>
  // No report in progress: it may have been created meanwhile (another window), which the person should hear.
  continueReport(turn, services, () => answerLateCreate(turn, services, data));
