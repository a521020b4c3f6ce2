/** Lists across incidents: a person's open incidents, and closed incidents with loose ends. */
import { incidentListCard, looseEndsCard } from '../cards/incidentCards';
import { cardReply, type Reply } from '../reply';
import type { HandlerContext } from './context';

export async function myIncidents(ctx: HandlerContext, page = 1): Promise<Reply> {
  const me = ctx.caller.person();
  await ctx.working();
  const asOf = new Date().toISOString();
  const items = await ctx.services.audit.myIncidents(me.objectId);
  return cardReply(incidentListCard(items, page, me.name || 'you', asOf, ctx.timeZone));
}

export async function looseEnds(ctx: HandlerContext, offset = 0): Promise<Reply> {
  await ctx.working();
  return cardReply(looseEndsCard(await ctx.services.audit.looseEnds(), offset, ctx.timeZone));
}
