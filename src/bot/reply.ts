/**
 * What a handler answers, as data: the bot layer sends it (a typed message gets new messages)
 * or returns it (a button press replaces its card with the reply's last card). Handlers never
 * see a TurnContext, so they are tested by calling them.
 */
import type { AdaptiveCardJson } from './cards/renderCard';
import { noticeCard } from './cards/generalCards';

export type Tone = 'info' | 'error' | 'good';

export type ReplyItem =
  | { kind: 'card'; card: AdaptiveCardJson }
  /** A short sentence: a plain message in a chat, a small notice card in place of a pressed card. */
  | { kind: 'text'; heading: string; text: string; tone: Tone };

export interface Reply {
  items: ReplyItem[];
  /** Cards for the SOC channel, posted after the person has their answer (best effort). */
  notify: AdaptiveCardJson[];
  /** Entra wants the person to sign in again (or consent): the bot layer offers the sign-in card. */
  signIn?: 'again' | 'consent';
  /** The press failed: the reply shows why, inside the card (a refresh Teams made by itself keeps the card instead). */
  failed?: boolean;
  /** Personal messages to other people (a new owner), sent after the answer (best effort). */
  personal?: PersonalNotice[];
}

export interface PersonalNotice {
  /** The Entra object id of the person to tell. */
  objectId: string;
  card: AdaptiveCardJson;
}

export function cardReply(card: AdaptiveCardJson, notify: AdaptiveCardJson[] = []): Reply {
  return { items: [{ kind: 'card', card }], notify };
}

export function textReply(heading: string, text: string, tone: Tone = 'info'): Reply {
  return { items: [{ kind: 'text', heading, text, tone }], notify: [] };
}

export function emptyReply(): Reply {
  return { items: [], notify: [] };
}

/** The card a pressed button is replaced with: the last thing the reply says. */
export function invokeCardOf(reply: Reply): AdaptiveCardJson | undefined {
  const last = reply.items.at(-1);
  if (!last) return undefined;
  return last.kind === 'card' ? last.card : noticeCard(last.heading, last.text, { tone: last.tone });
}
