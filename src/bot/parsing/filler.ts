/**
 * Words that carry no command: politeness, greetings, "could you", "I'd like to". They are
 * dropped before matching (anywhere in the matched shape, only at the ends of text kept as
 * typed, so a title or comment keeps its words).
 */
const POLITE = String.raw`please|pls|plz|plse|kindly|thanks|thank you|thankyou|thx|ty|ta|cheers`;
const ASKING = String.raw`would you mind|do you mind|please could you|could you|can you|would you|will you|could u|can u|would u|can we|could we|can i|could i|may i|i want to|i would like to|i[’']?d like to|i need to|wanna|let[’']?s`;
const GREETING = String.raw`hey|hi|hiya|hello|yo|good morning|good afternoon|good evening|morning|bot`;

// Openers that carry no command: "ok I'll take 405211", "FYI taking 405211", "no, assign it to Ada".
const CHATTER = String.raw`yes|yep|yeah|yup|sure|right|alright|fyi|heads up|so|all|quick one|quick question|sorry to bother|sorry|ok|okay`;
// "No," opens a correction; in normalized text it stays, so "no need to close" still says no.
const CORRECTION = String.raw`no|nope|nah`;
/** At the start of normalized text (after FILLER is dropped). */
export const LEADING_CHATTER = new RegExp(String.raw`^(?:(?:${CHATTER})\b[\s-]*)+`);

/** Anywhere in normalized text (lowercase, apostrophes already removed). */
export const FILLER = new RegExp(String.raw`\b(?:${POLITE}|${ASKING}|${GREETING})\b`, 'g');
export const LEADING_FILLER = new RegExp(String.raw`^(?:(?:${POLITE}|${ASKING}|${GREETING}|${CHATTER}|${CORRECTION})\b[\s,!.:]*)+`, 'i');
export const TRAILING_FILLER = new RegExp(String.raw`[\s,]*(?:\b(?:${POLITE})\b[\s.!?]*)+$`, 'i');
/** What may follow a name or title at the end: punctuation, thanks, emoji. */
export const TRAILING_NOISE = new RegExp(String.raw`[\s,.!?]*(?:(?:\b(?:${POLITE})\b|[\p{Extended_Pictographic}\u200d\ufe0f])[\s,.!?]*)*$`, 'iu');
