/**
 * Words that carry no command: politeness, greetings, "could you", "I'd like to". They are
 * dropped before matching (anywhere in the matched shape, only at the ends of text kept as
 * typed, so a title or comment keeps its words).
 */
const POLITE = String.raw`please|pls|plz|plse|kindly|thanks|thank you|thankyou|thx|ty|ta|cheers`;
const ASKING = String.raw`please could you|could you|can you|would you|will you|could u|can u|would u|can we|could we|can i|could i|may i|i want to|i would like to|i[’']?d like to|i need to|wanna|let[’']?s`;
const GREETING = String.raw`hey|hi|hiya|hello|yo|good morning|good afternoon|good evening|morning|bot`;

/** Anywhere in normalized text (lowercase, apostrophes already removed). */
export const FILLER = new RegExp(String.raw`\b(?:${POLITE}|${ASKING}|${GREETING})\b`, 'g');
export const LEADING_FILLER = new RegExp(String.raw`^(?:(?:${POLITE}|${ASKING}|${GREETING}|ok|okay)\b[\s,!.:]*)+`, 'i');
export const TRAILING_FILLER = new RegExp(String.raw`[\s,]*(?:\b(?:${POLITE})\b[\s.!?]*)+$`, 'i');
/** What may follow a name or title at the end: punctuation, thanks, emoji. */
export const TRAILING_NOISE = new RegExp(String.raw`[\s,.!?]*(?:(?:\b(?:${POLITE})\b|[\p{Extended_Pictographic}\u200d\ufe0f])[\s,.!?]*)*$`, 'iu');
