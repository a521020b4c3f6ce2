/**
 * The catalogue of failures a person can meet, each with one safe sentence. Nothing from
 * a service (raw messages, stack traces, request ids of Azure) is ever shown in chat:
 * a handler catches, calls `toUserError`, and shows `userMessage`.
 */

export type UserErrorCode =
  | 'INCIDENT_NOT_FOUND'
  | 'TASK_NOT_FOUND'
  | 'INVALID_INPUT'
  | 'INVALID_IDENTITY'
  | 'TENANT_NOT_ALLOWED'
  | 'NOT_RESPONDER'
  | 'AZURE_FORBIDDEN'
  | 'AZURE_NO_ACCESS'
  | 'AZURE_ROLE_REQUIRED'
  | 'AZURE_AUTH_FAILED'
  | 'SIGN_IN_REQUIRED'
  | 'CONSENT_REQUIRED'
  | 'SIGN_IN_UNAVAILABLE'
  | 'THROTTLED'
  | 'UNAVAILABLE'
  | 'TIMEOUT'
  | 'CONFLICT'
  | 'PARTIAL_RESULT'
  | 'INCIDENT_CLOSED'
  | 'REPORT_EXPIRED'
  | 'INTERNAL';

export interface UserErrorParams {
  incidentNumber?: number;
  detail?: string;
  /** The Sentinel workspace, for a sentence about the person's role on it. */
  workspaceName?: string;
  /** When someone else changed the incident (ISO 8601), said in the reader's time zone. */
  changedAt?: string;
  /** The command only reads: a missing role is the one that reads, not the one that changes. */
  reading?: boolean;
  /** How long Sentinel asked us to wait (Retry-After), said as the time to try again. */
  retryAfterSeconds?: number;
}

/** Writes a moment as a time of day for the reader ("19:05 UTC+05:30"); the bot layer knows their zone. */
export type ClockFormat = (iso: string) => string;

/** Without a reader's zone: UTC, labelled. */
export const utcClock: ClockFormat = (iso) => {
  const t = new Date(iso);
  return Number.isNaN(t.getTime()) ? '' : `${t.toISOString().slice(11, 16)} UTC`;
};

/** Retry-After as a person says it: "30 seconds", "2 minutes"; a minute when Sentinel named no time. */
function waitText(seconds: number | undefined): string {
  if (seconds === undefined || !Number.isFinite(seconds) || seconds <= 0) return 'a minute';
  if (seconds < 60) return seconds === 1 ? '1 second' : `${Math.ceil(seconds)} seconds`;
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 120) return minutes === 1 ? 'a minute' : `${minutes} minutes`;
  return `${Math.ceil(minutes / 60)} hours`;
}

function changedAt(p: UserErrorParams, clock: ClockFormat): string {
  const at = p.changedAt ? clock(p.changedAt) : '';
  return at ? ` (changed ${at})` : '';
}

const num = (p: UserErrorParams): string => (p.incidentNumber !== undefined ? String(p.incidentNumber) : 'N');

const MESSAGES: Record<UserErrorCode, (p: UserErrorParams, clock: ClockFormat) => string> = {
  INCIDENT_NOT_FOUND: (p) =>
    p.incidentNumber !== undefined
      ? `I couldn't find incident ${p.incidentNumber}. Check the number, or type "my incidents" to see yours.`
      : "I couldn't find that incident.",
  TASK_NOT_FOUND: (p) => `I couldn't find that task on incident ${num(p)}. Type "show tasks for ${num(p)}" to see them.`,
  INVALID_INPUT: (p) => p.detail ?? "I couldn't use that input.",
  INVALID_IDENTITY: () =>
    "Your Teams account didn't come with a valid Microsoft Entra object id, so I can't assign incidents to you. " +
    'In the Agents Playground, start it with the configuration file this project ships (npm start does).',
  TENANT_NOT_ALLOWED: () => "This bot only serves its own organization's tenant.",
  NOT_RESPONDER: () => 'Only SOC responders can change incidents. Ask your SOC lead to add you to the responders.',
  AZURE_FORBIDDEN: () =>
    "The bot isn't allowed to do that in Microsoft Sentinel. An admin needs to grant its identity the Microsoft Sentinel Responder role on the workspace.",
  // The call ran as the person (on-behalf-of): it is their role that is missing, not the bot's.
  AZURE_ROLE_REQUIRED: (p) =>
    p.reading
      ? `You need the Microsoft Sentinel Reader role (or Responder) on ${p.workspaceName ?? 'the workspace'} to see incidents. Ask your Azure admin.`
      : `You need the Microsoft Sentinel Responder role on ${p.workspaceName ?? 'the workspace'} to change incidents. Ask your Azure admin.`,
  AZURE_NO_ACCESS: (p) =>
    `You don't have access to Microsoft Sentinel on ${p.workspaceName ?? 'the workspace'}, so I can't show its incidents as you. ` +
    'Ask your Azure admin for the Microsoft Sentinel Reader role to see incidents (Responder to change them too).',
  AZURE_AUTH_FAILED: () => "The bot couldn't sign in to Azure. An admin needs to check its identity. Nothing was changed.",
  SIGN_IN_REQUIRED: () =>
    'Microsoft Entra ID asks you to sign in again: your sign-in has expired, or your organization needs more (such as multi-factor authentication). ' +
    "Nothing was changed. Sign in with the card I send, and I'll do what you asked.",
  CONSENT_REQUIRED: () =>
    "You haven't yet allowed this bot to work in Microsoft Sentinel as you. Nothing was changed. Sign in with the card I send and accept, or ask your admin to consent for the organization.",
  SIGN_IN_UNAVAILABLE: () =>
    "Microsoft Entra ID, which gives me your access to Microsoft Sentinel, isn't answering right now (it is down or too busy). Nothing was changed; please try again in a few minutes.",
  THROTTLED: (p) => `Microsoft Sentinel is busy right now (too many requests). Nothing was changed; please try again in ${waitText(p.retryAfterSeconds)}.`,
  UNAVAILABLE: () => "Microsoft Sentinel isn't answering right now. Nothing was changed; please try again in a few minutes.",
  TIMEOUT: () => 'Microsoft Sentinel took too long to answer. Please try again in a moment; trying again is safe.',
  CONFLICT: (p, clock) =>
    p.detail
      ? `Someone else changed incident ${num(p)} while I was saving yours: ${p.detail}${changedAt(p, clock)}. I didn't overwrite their change; look at it again and retry if yours still makes sense.`
      : `Someone else changed incident ${num(p)} at the same moment. I didn't overwrite their change; please look at it again and retry.`,
  PARTIAL_RESULT: () =>
    'The audit log sent only part of the answer (Log Analytics stopped at its result limit), so I won\'t show it as if it were complete. ' +
    'Ask about one incident instead, for example "show tasks for 405211".',
  INCIDENT_CLOSED: (p) => `Incident ${num(p)} is closed. To change it, reopen it first: "reopen ${num(p)}".`,
  REPORT_EXPIRED: () => 'That report was cancelled or has expired, so nothing was created. Type "report" to start a new one.',
  INTERNAL: () => 'Something went wrong on my side. Nothing was changed; please try again.',
};

export class UserError extends Error {
  constructor(
    readonly code: UserErrorCode,
    readonly params: UserErrorParams = {},
    options?: { cause?: unknown },
  ) {
    super(code, options);
    this.name = 'UserError';
  }

  get userMessage(): string {
    return MESSAGES[this.code](this.params, utcClock);
  }

  /** The sentence with its times in the reader's zone. */
  messageFor(clock: ClockFormat): string {
    return MESSAGES[this.code](this.params, clock);
  }
}

export function userMessageFor(code: UserErrorCode, params: UserErrorParams = {}): string {
  return MESSAGES[code](params, utcClock);
}
