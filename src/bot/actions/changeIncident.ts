/** Verbs `incident.setSeverity` / `incident.setStatus` and the "set ... of N to ..." commands. */
import type { TurnContext } from 'botbuilder';
import { UserError } from '../../incidents/errors';
import type { ChangeResult } from '../../incidents/incidentService';
import { SEVERITIES, type Severity, type Status } from '../../incidents/types';
import { incidentCard } from '../cards/incidentCards';
import { incidentNumberFrom } from '../cardActions';
import { showCard, showTyping } from '../replies';
import { requireIncidentNumber } from './incidentNumber';
import type { BotServices, VerbHandler } from './verbContext';

async function answer(turn: TurnContext, result: ChangeResult, what: string): Promise<void> {
  const banner = result.changed ? `${what} of incident ${result.incident.number} is now ${what === 'Severity' ? result.incident.severity : result.incident.status}.` : `${what} of incident ${result.incident.number} was already ${what === 'Severity' ? result.incident.severity : result.incident.status}.`;
  await showCard(turn, incidentCard(result.incident, banner));
}

export async function setSeverity(turn: TurnContext, incidentNumber: number, severity: Severity, services: BotServices): Promise<void> {
  const actor = await services.access.requireResponder(turn);
  await showTyping(turn);
  await answer(turn, await services.incidents.setSeverity(incidentNumber, severity, actor), 'Severity');
}

export async function setStatus(turn: TurnContext, incidentNumber: number, status: Exclude<Status, 'Closed'>, services: BotServices): Promise<void> {
  const actor = await services.access.requireResponder(turn);
  await showTyping(turn);
  await answer(turn, await services.incidents.setStatus(incidentNumber, status, actor), 'Status');
}

function pick<T extends string>(value: unknown, allowed: readonly T[], what: string): T {
  const hit = typeof value === 'string' ? allowed.find((a) => a.toLowerCase() === value.trim().toLowerCase()) : undefined;
  if (!hit) throw new UserError('INVALID_INPUT', { detail: `Choose a ${what}: ${allowed.join(', ')}.` });
  return hit;
}

export const handleSetSeverity: VerbHandler = async ({ turn, data, services }) =>
  setSeverity(turn, requireIncidentNumber(incidentNumberFrom(data)), pick(data.severity, SEVERITIES, 'severity'), services);

export const handleSetStatus: VerbHandler = async ({ turn, data, services }) =>
  setStatus(turn, requireIncidentNumber(incidentNumberFrom(data)), pick(data.status, ['New', 'Active'] as const, 'status'), services);
