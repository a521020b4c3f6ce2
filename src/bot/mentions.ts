/** The people a Teams message mentions, other than the bot (its own mention only addresses it). */
import type { Activity, TurnContext } from 'botbuilder';
import type { Mention } from './command';
import { rosterMember } from './person';

export function mentionsIn(activity: Activity): Mention[] {
  const botId = activity.recipient?.id;
  const out: Mention[] = [];
  for (const entity of activity.entities ?? []) {
    if (entity.type !== 'mention') continue;
    const mentioned = entity.mentioned as { id?: unknown; name?: unknown; aadObjectId?: unknown } | undefined;
    const text = typeof entity.text === 'string' ? entity.text : '';
    if (!mentioned || !text || mentioned.id === botId) continue;
    const teamsId = typeof mentioned.id === 'string' ? mentioned.id : undefined;
    const objectId = typeof mentioned.aadObjectId === 'string' ? mentioned.aadObjectId : undefined;
    const name = typeof mentioned.name === 'string' ? mentioned.name : text.replace(/<\/?at>/gi, '');
    out.push(objectId ? { text, name, objectId } : teamsId ? { text, name, teamsId } : { text, name });
  }
  return out;
}


/**
 * Teams often mentions a person by their Teams id only: the roster gives their object id.
 * Best effort: when the roster is slow or fails, the person is looked up by name instead.
 */
export async function withObjectIds(turn: TurnContext, mentions: Mention[]): Promise<Mention[]> {
  if (turn.activity.channelId !== 'msteams' || mentions.every((m) => m.objectId || !m.teamsId)) return mentions;
  return Promise.all(mentions.map(async (m) => (m.objectId || !m.teamsId ? m : { ...m, objectId: await rosterObjectId(turn, m.teamsId) })));
}

async function rosterObjectId(turn: TurnContext, teamsId: string): Promise<string | undefined> {
  return (await rosterMember(turn, teamsId))?.aadObjectId || undefined;
}
