/**
 * The channel feed's commands in the ways people say them: "watch high incidents", "subscribe
 * this channel to high severity incidents", "notify us about new incidents", "stop posting
 * incidents here", "what is this channel subscribed to?". A one-letter slip in the verb is
 * forgiven ("wacth", "unwtach"); the filter words themselves are read by the feed's filter
 * parser, which refuses what it does not know.
 */
import type { Command } from './command';
import { editDistance } from './parsing/typos';

// Words of the command, never values: a value's slip ("hihg") is asked about by the filter parser.
const VERBS = ['watch', 'watching', 'watched', 'unwatch', 'subscribe', 'subscribed', 'unsubscribe', 'follow', 'following', 'unfollow', 'notify', 'notifying', 'posting', 'incidents', 'incident', 'severity'];

function fixVerb(word: string): string {
  if (word.length < 5 || VERBS.includes(word)) return word;
  return VERBS.find((v) => editDistance(word, v, 1) <= 1) ?? word;
}

const FEED_WORDS = String.raw`(?:watch(?:ing)?|follow(?:ing)?|subscri(?:be|bing|ption)s?|feed|incident feed|notif(?:y|ying|ications?)|post(?:ing)?|send(?:ing)?|alert(?:s|ing)?)`;
const UNWATCH = new RegExp(String.raw`^(?:unwatch|unsubscribe|unfollow)\b|^(?:stop|quit|end|pause|mute|disable|turn off|switch off|cancel|no more|dont|do not)\s+(?:the\s+|this\s+|your\s+)?${FEED_WORDS}\b`);
const WATCHING = new RegExp(
  String.raw`^(?:what|which)(?: incidents?)? (?:are|do|does|is|will) (?:you|this channel|this chat|it|we|the feed)(?: be)? (?:watch(?:ing)?|subscribed|follow(?:ing)?|post(?:ing)?|get(?:ting)?|send(?:ing)?|notifying)\b` +
    String.raw`|^(?:what is|whats|what are)(?: being)? (?:watched|followed|subscribed)\b` +
    String.raw`|^(?:are you|is this channel|is this chat|is anyone) (?:watching|subscribed|following)\b` +
    String.raw`|^(?:show|list)(?: the| our| this channels?| my)? (?:watch(?:es)?|subscriptions?|feed)(?: here| status| settings)?$` +
    String.raw`|^(?:feed|subscription|watch) (?:status|settings)$`,
);
const WATCH = /^(?:start\s+|begin\s+)?(?:watch|watching)\b\s*([\s\S]*)$/;
// Softer verbs are the feed only when they are about incidents (and name none), so "follow up on 405211" is not.
const SUBSCRIBE = /^(?:(?:please\s+)?(?:subscribe|follow|notify|alert|tell|ping|inform|keep)\b(?:\s+(?:this channel|this chat|us|me|here|the channel|the team))?(?:\s+(?:to|about|of|on|for|when there are|posted on|updated on))?)\s*([\s\S]*)$/;
const POST_HERE = /^(?:post|send|forward|push)\s+([\s\S]*\bincidents?\b[\s\S]*?)\s+(?:here|to this channel|in this channel|to this chat|in this chat|to us)$/;

/** The feed's command, or undefined when the text is about something else. */
export function parseFeedCommand(normalized: string): Command | undefined {
  const text = normalized.split(' ').map(fixVerb).join(' ');
  if (UNWATCH.test(text)) return { kind: 'unwatch' };
  if (WATCHING.test(text)) return { kind: 'watching' };
  const watch = WATCH.exec(text);
  if (watch) return { kind: 'watch', filterText: watch[1] ?? '' };
  if (/\p{Nd}/u.test(text) && !/\b(?:sev|p|s)\d\b/.test(text)) return undefined;
  const subscribe = SUBSCRIBE.exec(text);
  if (subscribe && (/\bincidents?\b/.test(text) || /^subscribe\b/.test(text))) return { kind: 'watch', filterText: subscribe[1] ?? '' };
  const post = POST_HERE.exec(text);
  return post ? { kind: 'watch', filterText: post[1] ?? '' } : undefined;
}
