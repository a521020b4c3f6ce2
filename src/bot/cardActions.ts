/**
 * Reads a card button press from an activity. Teams and the Playground send
 * `Action.Execute` as an `adaptiveCard/action` invoke; channels without Universal Actions
 * fall back to a message whose `value` carries the same verb and data.
 */
import type { Activity } from 'botbuilder';

export interface CardAction {
  verb: string;
  data: Record<string, unknown>;
  /** True for an invoke: the answer replaces the card in place. */
  isInvoke: boolean;
}

const VERB = /^[a-z][a-zA-Z]*(\.[a-z][a-zA-Z]*)+$/;

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

export function isAdaptiveCardInvoke(activity: Partial<Activity>): boolean {
  return activity.type === 'invoke' && activity.name === 'adaptiveCard/action';
}

export function readCardAction(activity: Partial<Activity>): CardAction | undefined {
  if (isAdaptiveCardInvoke(activity)) {
    const action = asRecord(asRecord(activity.value)?.action);
    if (!action || typeof action.verb !== 'string' || !VERB.test(action.verb)) return undefined;
    return { verb: action.verb, data: asRecord(action.data) ?? {}, isInvoke: true };
  }
  if (activity.type === 'message') {
    const value = asRecord(activity.value);
    const verb = value?.verb;
    if (typeof verb !== 'string' || !VERB.test(verb)) return undefined;
    return { verb, data: value ?? {}, isInvoke: false };
  }
  return undefined;
}
