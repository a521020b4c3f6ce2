/**
 * Acting as the person in Azure, turn by turn: before a command that reaches Sentinel, the
 * person's Teams token (single sign-on) and, from it, their own Azure tokens. Without them
 * the command waits, the person gets one sentence and the sign-in card, and nothing is
 * changed; the sign-in (Teams' token exchange or a magic code) then runs it.
 */
import type { InvokeResponse, TurnContext } from 'botbuilder';
import { isAzureError } from '../../azure/errors';
import type { ActingPerson } from '../../azure/personCredentials';
import { userMessageFor } from '../../incidents/errors';
import type { Logger } from '../../logging';
import type { Command } from '../command';
import type { ActingServices } from '../handlers/context';
import { actingPersonOf } from '../person';
import { exchangeFailed, invokeAnswer, readTokenExchange, SIGN_IN_FAILURE, TOKEN_EXCHANGE, type SingleSignOn } from './singleSignOn';

export const SIGN_IN_FIRST = "Please sign in first, so that Microsoft Sentinel records what you do under your own name and your own permissions apply. I'll do what you asked as soon as you're signed in.";
export const SIGNED_IN = "You're signed in. Ask me for what you need.";
const BAD_CODE = "That sign-in didn't complete, so nothing was changed. Please use the sign-in card again.";

/** What never reaches Azure as the person: answered without asking them to sign in. */
const WITHOUT_SIGN_IN = new Set<Command['kind']>(['help', 'cancel', 'empty', 'unknown', 'signOut', 'needsIncidentNumber', 'needsValue', 'invalidCard']);

/** The person's services for this turn, once their tokens are known to work. */
const resolved = new WeakMap<object, ActingServices>();

export function personServicesOf(turn: TurnContext): ActingServices | undefined {
  return resolved.get(turn.activity);
}

export interface SignInServices {
  actAs: (person: ActingPerson, assertion?: string) => ActingServices;
  forgetPerson?: (person: ActingPerson) => void;
  logger: Logger;
}

export class SignInFlow {
  constructor(
    readonly sso: SingleSignOn,
    private readonly services: SignInServices,
  ) {}

  /**
   * Undefined when the command may run (as the person, or needing nobody); otherwise the
   * sentence to answer with, the sign-in card already sent where signing in helps.
   */
  async prepare(turn: TurnContext, command: Command): Promise<string | undefined> {
    if (WITHOUT_SIGN_IN.has(command.kind)) return undefined;
    const person = actingPersonOf(turn);
    // Without an Entra identity nobody could sign in: refuse rather than act as the bot.
    if (!person) return userMessageFor('INVALID_IDENTITY');
    const token = await this.sso.token(turn);
    const problem = token ? await this.use(turn, person, token) : SIGN_IN_FIRST;
    if (!problem) return undefined;
    await this.sso.keepPending(turn, command);
    await turn.sendActivity(await this.sso.signInCard(turn));
    return problem;
  }

  /** `signin/tokenExchange`, `signin/verifyState` and `signin/failure`; `run` answers the command that waited. */
  async onInvoke(turn: TurnContext, run: (command: Command) => Promise<void>): Promise<InvokeResponse> {
    const person = actingPersonOf(turn);
    if (turn.activity.name === TOKEN_EXCHANGE) {
      const request = readTokenExchange(turn.activity);
      if (!request) return invokeAnswer(400);
      if (request.connectionName !== this.sso.connectionName) return exchangeFailed(request, 'This bot does not use that connection.');
      // Teams sends the same exchange from each open client: answered once, the others just acknowledged.
      if (!(await this.sso.firstExchange(turn, request.id))) return invokeAnswer(200);
      const token = person && (await this.sso.exchange(turn, request));
      if (!person || !token) return exchangeFailed(request, 'The token could not be exchanged: sign-in or consent is needed.');
      const problem = await this.use(turn, person, token);
      if (problem) {
        // 412: Teams shows its own sign-in (and consent) prompt; the command keeps waiting.
        await turn.sendActivity(problem);
        return exchangeFailed(request, 'Consent or a new sign-in is needed.');
      }
      await this.runPending(turn, run);
      return invokeAnswer(200);
    }
    if (turn.activity.name === SIGN_IN_FAILURE) {
      // For the operator: the code says what to fix in the app registration or manifest; the card's button still works.
      const code = (turn.activity.value as { code?: unknown } | undefined)?.code;
      this.services.logger.warn({ code: typeof code === 'string' ? code.slice(0, 64) : undefined }, 'Teams could not sign the person in silently');
      return invokeAnswer(200);
    }
    const state = (turn.activity.value as { state?: unknown } | undefined)?.state;
    const token = person && typeof state === 'string' && state !== '' ? await this.sso.token(turn, state) : undefined;
    const problem = !person || !token ? BAD_CODE : await this.use(turn, person, token);
    if (problem) {
      await turn.sendActivity(problem);
      await turn.sendActivity(await this.sso.signInCard(turn));
      return invokeAnswer(token ? 412 : 404);
    }
    await this.runPending(turn, run);
    return invokeAnswer(200);
  }

  /**
   * A command that met Entra's refusal after all (its token lapsed mid-turn): its answer said
   * so; the stale sign-in ends, the command waits, and the card follows.
   */
  async afterRefusal(turn: TurnContext, command: Command): Promise<void> {
    const person = actingPersonOf(turn);
    if (person) this.services.forgetPerson?.(person);
    await this.sso.signOut(turn);
    await this.sso.keepPending(turn, command);
    await turn.sendActivity(await this.sso.signInCard(turn));
  }

  /** `sign out`: the token service forgets the sign-in, and the bot every token made from it. */
  async signOut(turn: TurnContext): Promise<void> {
    const person = actingPersonOf(turn);
    if (person) this.services.forgetPerson?.(person);
    await this.sso.dropPending(turn);
    await this.sso.signOut(turn);
  }

  private async runPending(turn: TurnContext, run: (command: Command) => Promise<void>): Promise<void> {
    const pending = await this.sso.takePending(turn);
    if (pending) await run(pending);
    else await turn.sendActivity(SIGNED_IN);
  }

  /** The person's services from their Teams token; the sentence to say when Entra wants them back. */
  private async use(turn: TurnContext, person: ActingPerson, token: string): Promise<string | undefined> {
    const services = this.services.actAs(person, token);
    try {
      await services.checkSignIn?.();
    } catch (err) {
      if (!isAzureError(err, 'SIGN_IN_REQUIRED')) {
        // Entra unreachable and the like: the command meets it and says so, as any other failure.
        resolved.set(turn.activity, services);
        return undefined;
      }
      this.services.logger.info({ reason: err.signInReason }, 'the person must sign in again before acting as them');
      // The token service would hand back the same token: end that sign-in, so the card brings a fresh one.
      this.services.forgetPerson?.(person);
      await this.sso.signOut(turn);
      return userMessageFor(err.signInReason === 'consent' ? 'CONSENT_REQUIRED' : 'SIGN_IN_REQUIRED');
    }
    resolved.set(turn.activity, services);
    return undefined;
  }
}
