/**
 * The one way a card is made: a JSON template from `cards/` expanded with data binding.
 * User text only ever arrives as data, so "${...}" typed by a person is shown literally
 * and can never change the card's structure.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Template } from 'adaptivecards-templating';
import { PROJECT_ROOT } from '../../projectRoot';

export const CARD_NAMES = ['help', 'notice', 'reportForm', 'reportReview', 'incident', 'tasks', 'incidentList', 'closeIncident', 'taskHistory', 'looseEnds', 'taskChoice', 'feedDigest', 'confirm', 'choosePerson', 'didYouMean', 'confirmValue', 'pressFailed'] as const;
export type CardName = (typeof CARD_NAMES)[number];

/** An Adaptive Card as JSON (what Teams receives as the attachment content). */
export type AdaptiveCardJson = Record<string, unknown> & { type: 'AdaptiveCard'; version: string };

export const CARDS_DIR = path.join(PROJECT_ROOT, 'cards');

const templates = new Map<CardName, Template>();
let TemplateClass: typeof Template | undefined;

function template(name: CardName): Template {
  let t = templates.get(name);
  if (!t) {
    // Loaded on first use: the templating engine takes about 110 ms to load, a fifth of a cold
    // start, and the readiness probe should not wait for it.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    TemplateClass ??= (require('adaptivecards-templating') as typeof import('adaptivecards-templating')).Template;
    const json: unknown = JSON.parse(fs.readFileSync(path.join(CARDS_DIR, `${name}.json`), 'utf8'));
    t = new TemplateClass(json);
    templates.set(name, t);
  }
  return t;
}

/**
 * Expanding a template is the costliest step of a turn that reads one incident, and the same
 * answer is asked for again and again (several people looking at one incident, card refreshes):
 * the last few hundred answers are kept, by their data, frozen so no one changes a shared card.
 */
const RENDERED_MAX = 256;
const rendered = new Map<string, AdaptiveCardJson>();

export function renderCard(name: CardName, data: object): AdaptiveCardJson {
  const key = `${name}\u0000${JSON.stringify(data)}`;
  const hit = rendered.get(key);
  if (hit) {
    rendered.delete(key);
    rendered.set(key, hit);
    return hit;
  }
  const card = deepFreeze(template(name).expand({ $root: data }) as AdaptiveCardJson);
  rendered.set(key, card);
  if (rendered.size > RENDERED_MAX) rendered.delete(rendered.keys().next().value as string);
  return card;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
