/**
 * A turn whose work met Entra's or Sentinel's refusal of the person's token somewhere that
 * answers on its own (the report dialog keeps the draft and shows it again): the turn is marked,
 * so the bot layer still ends the stale sign-in and sends the sign-in card.
 */
import type { TurnContext } from 'botbuilder';
import { isAzureError } from '../../azure/errors';

const SIGN_IN_NEEDED = Symbol('signInNeeded');

/** Marks the turn when `err` is the person's sign-in being needed; says whether it was. */
export function noteSignInNeeded(turn: TurnContext, err: unknown): boolean {
  if (!isAzureError(err, 'SIGN_IN_REQUIRED')) return false;
  turn.turnState.set(SIGN_IN_NEEDED, true);
  return true;
}

export function signInNeeded(turn: TurnContext): boolean {
  return turn.turnState.get(SIGN_IN_NEEDED) === true;
}
