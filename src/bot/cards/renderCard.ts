/**
 * The one way a card is made: a JSON template from `cards/` expanded with data binding.
 * User text only ever arrives as data, so "${...}" typed by a person is shown literally
 * and can never change the card's structure.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Template } from 'adaptivecards-templating';
import { PROJECT_ROOT } from '../../projectRoot';

export const CARD_NAMES = ['help', 'notice', 'reportForm', 'reportReview', 'incident', 'tasks', 'incidentList', 'closeIncident', 'taskHistory', 'looseEnds', 'taskChoice'] as const;
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

export function renderCard(name: CardName, data: object): AdaptiveCardJson {
  return template(name).expand({ $root: data }) as AdaptiveCardJson;
}
