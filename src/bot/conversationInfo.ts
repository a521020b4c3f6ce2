/** The conversation a turn came from, as the feed and team channels keep it. */
import type { TurnContext } from 'botbuilder';
import type { ConversationInfo } from './handlers/context';
import type { Messenger } from './messenger';

/**
 * The conversation as the feed keeps it. A channel message in a thread names the thread
 * (`;messageid=...`); the feed posts to the channel itself, so the thread part is dropped.
 */
export function conversationOf(turn: TurnContext, messenger: Messenger): ConversationInfo | undefined {
  const c = turn.activity.conversation;
  if (!c?.id) return undefined;
  const kind = c.conversationType === 'channel' ? 'channel' : c.conversationType === 'groupChat' || c.isGroup ? 'groupChat' : 'personal';
  const id = c.id.split(';messageid=')[0] ?? c.id;
  const reference = messenger.referenceOf(turn);
  const address = { ...reference, conversation: { ...c, id }, activityId: undefined };
  const teamId = (turn.activity.channelData as { team?: { id?: unknown } } | undefined)?.team?.id;
  return { id, kind, address: JSON.parse(JSON.stringify(address)) as Record<string, unknown>, ...(typeof teamId === 'string' && teamId ? { teamId } : {}) };
}
