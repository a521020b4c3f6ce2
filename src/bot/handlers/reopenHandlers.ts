/**
 * Reopening a closed incident: `reopen 405211`, "Reopen incident" on a closed incident's tasks
 * card, or a status change on a closed incident. Reopening clears the classification (Sentinel
 * keeps one only on a closed incident), so it is confirmed first, naming how the incident was
 * closed. The confirm button carries when the closed incident last changed: a press after it
 * was reopened, or closed again differently, changes nothing and says what happened.
 */
import type { Status } from '../../incidents/types';
import { incidentView } from '../../incidents/views';
import { confirmCard } from '../cards/generalCards';
import { incidentCard } from '../cards/incidentCards';
import { classificationText, statusName } from '../cards/sentinelNames';
import { tasksCard } from '../cards/taskCards';
import { formatTime } from '../cards/times';
import type { Tone } from '../cards/format';
import { cardReply, type Reply } from '../reply';
import type { HandlerContext } from './context';
import { seenBy } from './incidentHandlers';

export interface ReopenRequest {
  status?: Exclude<Status, 'Closed'>;
  /** The closed incident's last change the person saw when they confirmed. */
  closedAt?: string;
  /** Answer with the tasks card (the press came from it) instead of the incident card. */
  then?: 'tasks';
}

export async function reopenIncident(ctx: HandlerContext, incidentNumber: number, request: ReopenRequest = {}): Promise<Reply> {
  const me = await ctx.caller.responder();
  await ctx.working();
  const current = await ctx.services.incidents.resolve(incidentNumber);
  const incident = incidentView(current);
  const status = request.status ?? 'Active';
  const answer = async (banner: string, tone: Tone = 'good'): Promise<Reply> =>
    request.then === 'tasks'
      ? cardReply(tasksCard(await ctx.services.audit.getTasks(incidentNumber), { banner, tone, zone: ctx.timeZone }))
      : cardReply(incidentCard(request.closedAt === undefined ? incident : await ctx.services.incidents.getIncident(incidentNumber), banner, { tone, ...seenBy(ctx) }));

  if (incident.status !== 'Closed') {
    return answer(
      request.closedAt !== undefined
        ? `Incident ${incidentNumber} is already open again (it is ${statusName(incident.status)}), so I changed nothing.`
        : `Incident ${incidentNumber} is not closed (it is ${statusName(incident.status)}), so there is nothing to reopen.`,
      request.closedAt !== undefined ? 'warning' : 'good',
    );
  }
  const closedAt = incident.lastModifiedTime ?? '';
  if (request.closedAt === undefined || request.closedAt !== closedAt) {
    const as = incident.closure ? ` as ${classificationText(incident.closure.classification, incident.closure.classificationReason)}` : '';
    const by = await ctx.services.incidents.closedBy(current);
    const owner = incident.owner ? `, owned by ${incident.owner.name}` : '';
    const when = formatTime(closedAt, ctx.timeZone);
    const changed = request.closedAt !== undefined;
    return cardReply(
      confirmCard({
        heading: changed ? `Incident ${incidentNumber} changed since you asked` : `Reopen incident ${incidentNumber}?`,
        message:
          `${changed ? `Incident ${incidentNumber} was changed after you confirmed, so I did not reopen it. ` : ''}` +
          `It was closed${as}${by ? ` by ${by}` : ''}${owner}${when ? ` (last changed ${when})` : ''}. Reopening sets it to ${statusName(status)} and clears the classification; close it again when the work is done.`,
        confirmTitle: 'Reopen incident',
        confirmVerb: 'incident.reopen',
        keepTitle: 'Keep it closed',
        keepVerb: request.then === 'tasks' ? 'tasks.show' : 'incident.show',
        incidentNumber,
        closedAt,
        status,
        then: request.then,
      }),
    );
  }
  const result = await ctx.services.incidents.setStatus(incidentNumber, status, me, current);
  const now = result.incident.status;
  const banner = !result.changed
    ? `Someone else reopened incident ${incidentNumber} at the same moment: it is ${statusName(now)}.`
    : `Incident ${incidentNumber} is open again (${statusName(now)}); its classification was cleared.${request.then === 'tasks' ? ' Its tasks can be completed again.' : ''}`;
  return answer(banner);
}
