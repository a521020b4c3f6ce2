/** `watch incidents`, `unwatch`, `what are you watching?`: the conversation's channel feed. */
import { describeFilter, parseFilter } from '../../feed/filter';
import { feedDigestCard } from '../cards/feedCards';
import { normalize } from '../commands';
import { editDistance } from '../parsing/typos';
import { cardReply, textReply, type Reply } from '../reply';
import type { HandlerContext } from './context';

const MAX_FILTER_TEXT = 200;
const NOT_RESPONDER_FEED = textReply('Responders only', 'Only SOC responders can start or stop the incident feed, so I changed nothing. Ask your SOC lead to add you to the responders, or ask a responder to do it.');

function feedOf(ctx: HandlerContext): { store: NonNullable<HandlerContext['services']['feed']>; conversation: NonNullable<HandlerContext['conversation']> } | Reply {
  const store = ctx.services.feed;
  if (!store) return textReply('The feed is off', 'The incident feed is turned off for this bot (INCIDENT_FEED=off), so I cannot watch incidents here.');
  const conversation = ctx.conversation;
  if (!conversation || conversation.kind === 'personal') {
    return textReply('Watch from a channel', 'The incident feed posts to a channel or group chat: mention me there with "watch incidents" (or "watch high incidents").');
  }
  return { store, conversation };
}

/** "... in #soc": another channel of the same team; "in here" / "in this channel" is this one. */
const IN_CHANNEL = /(?:^|\s)in\s+#?([\p{L}\p{N}][\p{L}\p{N}\s-]*)$/u;
const HERE = new Set(['here', 'this channel', 'this chat']);

type Target = { id: string; address: Record<string, unknown>; name?: string };

async function targetOf(store: NonNullable<HandlerContext['services']['feed']>, conversation: NonNullable<HandlerContext['conversation']>, named: string | undefined): Promise<Target | Reply> {
  if (!named || HERE.has(named)) return { id: conversation.id, address: conversation.address };
  const channels = conversation.teamId ? await store.team(conversation.teamId) : undefined;
  if (!channels) return textReply('Which channel?', 'I only know the channels of a team I was added to. Mention me in the channel itself with "watch incidents".');
  const channel = channels.find((c) => normalize(c.name) === named);
  if (!channel) {
    const known = channels.map((c) => c.name).slice(0, 20).join(', ');
    return textReply('Which channel?', `This team has no channel called "${named}" that I know of, so I changed nothing. Its channels: ${known}. A channel made after I joined: mention me there with "watch incidents".`);
  }
  const here = conversation.address.conversation as Record<string, unknown> | undefined;
  return { id: channel.id, name: channel.name, address: { ...conversation.address, conversation: { ...here, id: channel.id, name: channel.name, conversationType: 'channel', isGroup: true } } };
}

export async function watchIncidents(ctx: HandlerContext, filterText: string): Promise<Reply> {
  const feed = feedOf(ctx);
  if ('items' in feed) return feed;
  if (filterText.length > MAX_FILTER_TEXT) return textReply('Which incidents?', `That filter is longer than ${MAX_FILTER_TEXT} characters. Try "watch high incidents" or "watch unassigned new incidents".`);
  const inChannel = IN_CHANNEL.exec(filterText);
  const parsed = parseFilter(inChannel ? filterText.slice(0, inChannel.index) : filterText);
  if (!parsed.ok) return textReply('Which incidents?', refusal(parsed.unknown, parsed.notSentinel ?? []));
  // Only responders may point the workspace's incidents at a conversation.
  if (!(await ctx.caller.mayTriage())) return NOT_RESPONDER_FEED;
  const target = await targetOf(feed.store, feed.conversation, inChannel?.[1]?.trim());
  if ('items' in target) return target;
  const before = (await feed.store.watches()).find((w) => w.conversationId === target.id);
  const [where, stop] = target.name ? [`in ${target.name}`, 'Say "unwatch" in that channel to stop.'] : ['here', 'Say "unwatch" to stop.'];
  const [was, now] = [before && describeFilter(before.filter), describeFilter(parsed.filter)];
  // Asked again for the same: said so, and the address is refreshed (Teams may have moved the service).
  await feed.store.watch({ conversationId: target.id, address: target.address, filter: parsed.filter });
  if (was === now) return textReply('Already watching', `I already post ${now} ${where}, so nothing changed. ${stop}`);
  if (was) return textReply('Watching', `I now post ${now} ${where}, instead of ${was}. Cards already posted stay and keep updating. ${stop}`, 'good');
  return textReply('Watching', `I'll post ${now} ${where} as they appear in Sentinel, and keep each card up to date. ${stop}`, 'good');
}

const FILTER_WORDS = ['high', 'medium', 'low', 'informational', 'new', 'active', 'closed', 'unassigned', 'defender', 'sentinel'];
const USAGE = 'Use severities (high, medium, low, informational), statuses (new, active, closed), "unassigned" or a source ("from defender"), for example "watch high incidents".';
const quoted = (words: readonly string[]): string => `"${words.map((w) => w.slice(0, 40)).slice(0, 5).join('", "')}"`;

/** Why a filter was refused; a slip of a filter word is named, never taken for it. */
function refusal(unknown: readonly string[], notSentinel: readonly string[]): string {
  if (notSentinel.length) return `Sentinel has no ${quoted(notSentinel)} severity (its severities are High, Medium, Low and Informational), so I changed nothing. Did you mean "watch high incidents"?`;
  const guesses = unknown.map((w) => FILTER_WORDS.find((f) => w.length >= 3 && editDistance(w, f, 2) <= (f.length > 5 ? 2 : 1)));
  const guess = guesses.every(Boolean) ? ` Did you mean ${quoted(guesses as string[])}?` : '';
  return `I don't know ${quoted(unknown)} as a filter, so I changed nothing.${guess} ${USAGE}`;
}

export async function unwatchIncidents(ctx: HandlerContext): Promise<Reply> {
  const feed = feedOf(ctx);
  if ('items' in feed) return feed;
  if (!(await ctx.caller.mayTriage())) return NOT_RESPONDER_FEED;
  const was = await feed.store.unwatch(feed.conversation.id);
  return was ? textReply('Stopped watching', 'I no longer post new incidents here. Cards already posted stay as they are.', 'good') : textReply('Not watching', 'I was not watching incidents here. Say "watch incidents" to start.');
}

export async function whatIsWatched(ctx: HandlerContext): Promise<Reply> {
  const feed = feedOf(ctx);
  if ('items' in feed) return feed;
  const watch = (await feed.store.watches()).find((w) => w.conversationId === feed.conversation.id);
  return watch ? textReply('Watching', `I post ${describeFilter(watch.filter)} here. Say "unwatch" to stop.`) : textReply('Not watching', 'I am not watching incidents here. Say "watch incidents" (or "watch high incidents") to start.');
}

/** A digest card's next window of incidents, read from the digest's record. */
export async function digestPage(ctx: HandlerContext, digest: string, offset = 0): Promise<Reply> {
  const record = await ctx.services.feed?.digest(digest);
  if (!record) return textReply('Digest not found', 'I no longer have the list behind this card. Say "my incidents", or open an incident by its number: show incident 42.');
  return cardReply(feedDigestCard(record.rows, digest, offset));
}
