/**
 * "Report to SOC" on any message: fetchTask opens the report form in a dialog, prefilled
 * from the message (its text, sender, time and link); submitAction validates and creates
 * the incident through the same submit path as the report conversation.
 */
import { randomUUID } from 'node:crypto';
import { CardFactory, type MessagingExtensionAction, type MessagingExtensionActionResponse, type TurnContext } from 'botbuilder';
import type { IncidentService } from '../../incidents/incidentService';
import { LIMITS } from '../../incidents/limits';
import { htmlToText } from '../../incidents/messageText';
import { DEFAULT_VALUES, type ReportErrors, type ReportValues } from '../../incidents/reportValidation';
import { truncate } from '../../incidents/text';
import type { Logger } from '../../logging';
import { formatTime, UTC } from '../cards/times';
import { zoneOfTurn } from '../timeZones';
import { incidentCard } from '../cards/incidentCards';
import { reportFormCard } from '../cards/reportCards';
import { describeError } from '../errorText';
import type { Caller } from '../handlers/context';
import { checkReport, createReported } from '../handlers/reportSubmission';
import { isGuid } from '../ids';
import type { Messenger } from '../messenger';
import { peoplePickerFor } from '../person';
import { cardMessage } from '../replies';
import type { FeedStore } from '../../feed/feedStore';

export const REPORT_TO_SOC = 'reportToSoc';

export interface ReportToSocServices {
  incidents: IncidentService;
  messenger: Messenger;
  logger: Logger;
  feed?: Pick<FeedStore, 'noteOwner'>;
}

function dialog(turn: TurnContext, submissionId: string, values: ReportValues, mayTriage: boolean, errors: ReportErrors = {}): MessagingExtensionActionResponse {
  const card = reportFormCard(submissionId, values, errors, { peoplePicker: peoplePickerFor(turn, 'dialog'), variant: 'messageDialog', mayTriage });
  return { task: { type: 'continue', value: { title: 'Report to SOC', height: 'large', width: 'medium', card: CardFactory.adaptiveCard(card) } } };
}

/** The reported message as the start of a description: its text, then where it came from. */
export function describeMessage(payload: MessagingExtensionAction['messagePayload']): { title: string; description: string } {
  const body = payload?.body;
  const text = body?.contentType === 'html' ? htmlToText(body.content ?? '') : (body?.content ?? '').trim();
  const sender = payload?.from?.user?.displayName ?? payload?.from?.application?.displayName ?? 'someone';
  // Written into the incident, which everyone reads: UTC.
  const when = formatTime(payload?.createdDateTime, UTC);
  const link = payload?.linkToMessage ?? '';
  const source = `Reported from a message by ${sender}${when ? ` on ${when}` : ''}${link ? `: ${link}` : '.'}`;
  const room = LIMITS.descriptionMax - Array.from(source).length - 2;
  const firstLine = text.split('\n').find((l) => l.trim()) ?? '';
  return {
    title: truncate(`Suspicious message from ${sender}${firstLine ? `: ${firstLine}` : ''}`, LIMITS.titleMax),
    description: text ? `${truncate(text, room)}\n\n${source}` : source,
  };
}

export async function fetchReportTask(turn: TurnContext, action: MessagingExtensionAction, caller: Caller): Promise<MessagingExtensionActionResponse> {
  const { title, description } = describeMessage(action.messagePayload);
  return dialog(turn, randomUUID(), { ...DEFAULT_VALUES, title, description, tags: 'reported-message' }, await caller.mayTriage());
}

export async function submitReportTask(turn: TurnContext, action: MessagingExtensionAction, caller: Caller, services: ReportToSocServices): Promise<MessagingExtensionActionResponse> {
  const data = typeof action.data === 'object' && action.data !== null ? (action.data as Record<string, unknown>) : {};
  const submissionId = isGuid(data.submissionId) ? data.submissionId : randomUUID();
  const mayTriage = await caller.mayTriage();
  const result = checkReport(caller, data, { mayTriage });
  if (!result.ok) return dialog(turn, submissionId, result.values, mayTriage, result.errors);
  try {
    const { incident, created } = await createReported(services.incidents, caller, result.draft, submissionId, services.feed);
    const banner = created ? `Incident ${incident.number} created from a reported message. Thank you!` : `This report was already created as incident ${incident.number}.`;
    await turn.sendActivity(cardMessage(incidentCard(incident, banner, { zone: zoneOfTurn(turn) }))).catch((err: unknown) => {
      // The bot may not be in this conversation; the dialog's answer still tells the person.
      services.logger.info({ code: (err as { code?: unknown }).code }, 'could not post the confirmation card');
    });
    if (created) await services.messenger.notifySoc(turn, incidentCard(incident, `New incident ${incident.number} reported from a message via Teams.`));
    return { task: { type: 'message', value: banner } };
  } catch (err) {
    const errors: ReportErrors = { title: describeError(err, services.logger) };
    return dialog(turn, submissionId, result.values, mayTriage, errors);
  }
}
