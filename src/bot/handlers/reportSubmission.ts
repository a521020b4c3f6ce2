/**
 * The one way a report becomes an incident, whichever card it came from (the report
 * conversation, the "Report to SOC" dialog, a late Create press): the same checks, the same
 * idempotency key (sender + card), the same create call.
 */
import type { CreateResult, IncidentService } from '../../incidents/incidentService';
import { incidentIdForSubmission, submissionKey } from '../../incidents/incidentId';
import type { FeedStore } from '../../feed/feedStore';
import { validateReport, type ReportErrors, type ReportRights, type ReportValues } from '../../incidents/reportValidation';
import type { IncidentDraft, IncidentView, Person } from '../../incidents/types';
import type { Caller } from './context';

export type CheckedReport =
  | { ok: true; draft: IncidentDraft; values: ReportValues; reporter?: Person }
  | { ok: false; values: ReportValues; errors: ReportErrors };

const NO_IDENTITY = 'Your account has no valid Microsoft Entra object id, so the incident cannot be assigned to you. Choose "Nobody for now".';

/**
 * Validates what a report card submitted; "assign to me" needs a sender with an Entra object
 * id, and status, classification or another owner need `rights.mayTriage` (Caller.mayTriage).
 */
export function checkReport(caller: Caller, data: unknown, rights: ReportRights): CheckedReport {
  const result = validateReport(data, rights);
  if (!result.ok) return result;
  if (result.draft.owner !== 'me') return result;
  try {
    return { ...result, reporter: caller.person() };
  } catch {
    return { ok: false, values: result.values, errors: { owner: NO_IDENTITY } };
  }
}

/**
 * Creates the incident for this card (at most once, however often it is submitted). `feed`: a
 * reporter who takes their own report is noted as its owner first, so the channel feed does not
 * send them a "you were assigned" message about it.
 */
export async function createReported(incidents: IncidentService, caller: Caller, draft: IncidentDraft, submissionId: string, feed?: Pick<FeedStore, 'noteOwner'>): Promise<CreateResult> {
  // The reporter is recorded whoever takes the incident; only "me" needs a valid identity.
  const reporter = draft.owner === 'me' ? await caller.withDetails(caller.person()) : await reporterIfKnown(caller);
  const key = submissionKey(caller.key, submissionId);
  // Best effort: a failed note only risks that one message.
  if (draft.owner === 'me' && reporter && feed) await feed.noteOwner(incidentIdForSubmission(key), reporter.objectId).catch(() => undefined);
  return incidents.createIncident(draft, key, reporter);
}

async function reporterIfKnown(caller: Caller): Promise<Person | undefined> {
  let person: Person;
  try {
    person = caller.person();
  } catch {
    return undefined;
  }
  return caller.withDetails(person);
}

/** The incident this card already created, when there is one: nothing is created. */
export function findReported(incidents: IncidentService, caller: Caller, submissionId: string): Promise<IncidentView | undefined> {
  return incidents.findSubmitted(submissionKey(caller.key, submissionId));
}
