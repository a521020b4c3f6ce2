/**
 * Report commands: start a report, or feed a card press to the open one. A press that finds
 * no report open (the report ended, was cancelled, or its state expired) gets an answer too.
 */
import { UserError } from '../../incidents/errors';
import { incidentCard } from '../cards/incidentCards';
import { isGuid } from '../ids';
import { cardReply, type Reply } from '../reply';
import type { HandlerContext } from './context';
import { seenBy } from './incidentHandlers';
import { findReported } from './reportSubmission';

export function startReport(ctx: HandlerContext, title?: string): Promise<Reply> {
  return ctx.report.start(title);
}

export async function continueReport(ctx: HandlerContext): Promise<Reply> {
  const reply = await ctx.report.continue();
  if (!reply) throw new UserError('REPORT_EXPIRED');
  return reply;
}

/** A Create press: with no report open it may be the second click of a double click. */
export async function createReport(ctx: HandlerContext, submissionId: unknown): Promise<Reply> {
  const reply = await ctx.report.continue();
  if (reply) return reply;
  if (!isGuid(submissionId)) throw new UserError('REPORT_EXPIRED');
  const existing = await findReported(ctx.services.incidents, ctx.caller, submissionId);
  if (!existing) throw new UserError('REPORT_EXPIRED');
  return cardReply(incidentCard(existing, `This report was already created as incident ${existing.number}.`, seenBy(ctx)));
}
