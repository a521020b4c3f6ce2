/**
 * Acting as the person in Azure, turn by turn: before a command that reaches Sentinel, the
 * person's Teams token (single sign-on) and, from it, their own Azure tokens. Without them
 * the command waits, the person gets one sentence and the sign-in card, and nothing is
 * changed; the sign-in (Teams' token exchange or a magic code) then runs it.
 */
import type { InvokeResponse, TurnContext } from 'botbuilder';
import { isAzureError } from '../../azure/errors';
import { subjectOf } from '../../azure/oboCredential';
import type { ActingPerson } from '../../azure/personCredentials';
import { userMessageFor } from '../../incidents/errors';
import type { Logger } from '../../logging';
import type { Command } from '../command';
import type { ActingServices } from '../handlers/context';
import { actingPersonOf } from '../person';
import { exchangeFailed, invokeAnswer, PENDING_FOR_MS, readTokenExchange, SIGN_IN_FAILURE, TOKEN_EXCHANGE, type SingleSignOn } from './singleSignOn';

export const SIGN_IN_FIRST = "Please sign in first, so that Microsoft Sentinel records what you do under your own name and your own permissions apply. I'll do what you asked as soon as you're signed in.";
export const SIGNED_IN = "You're signed in. Ask me for what you need.";
const BAD_CODE = "That sign-in didn't complete, so nothing was changed. Please use the sign-in card again.";
/** The second request while not signed in: the person learns that the first will not run. */
export const REPLACED_PENDING = 'Only this latest request will run once you are signed in: the one you made before it while not signed in will not.';
export const PENDING_EXPIRED = `You're signed in. What you asked before signing in was more than ${PENDING_FOR_MS / 60000} minutes ago, so I didn't do it: ask me again if you still need it.`;
/**
 * The sign-in names someone else than the Teams account talking (another account chosen in the
 * browser, or a token that is not theirs): the bot acts for the person in the chat or nobody.
 */
export const NOT_YOUR_ACCOUNT =
  "That sign-in is for a different account than the one you use in Teams, so I did nothing and ended it. Sign in again with your own account, and I'll do what you asked.";

/**
 * A press inside the report conversation continues its dialog with the pressed card's inputs;
 * it cannot wait for the sign-in and run later, so the person presses again once signed in.
 * The card stays as it is (a message answers the press), with what they entered.
 */
const DIALOG_PRESSES = new Set<Command['kind']>(['reportStep', 'reportCreate']);
const PRESS_AGAIN: Record<'first' | 'again' | 'consent', string> = {
  first: 'Please sign in first, so that Microsoft Sentinel records what you do under your own name. Sign in with the card I send, then press the button again: the card keeps what you entered.',
  again:
    'Microsoft Entra ID asks you to sign in again (your sign-in has expired, or your organization needs more, such as multi-factor authentication). Nothing was changed. ' +
    'Sign in with the card I send, then press the button again: the card keeps what you entered.',
  consent:
    "You haven't yet allowed this bot to work in Microsoft Sentinel as you. Nothing was changed. Sign in with the card I send and accept, then press the button again: the card keeps what you entered.",
};

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
    const problem = token ? await this.use(turn, person, token) : { text: SIGN_IN_FIRST, signIn: true, why: 'first' as const };
    if (!problem) return undefined;
    // Entra down: signing in again would not help, and the person is told to try later.
    if (!problem.signIn) return problem.text;
    if (DIALOG_PRESSES.has(command.kind)) {
      await turn.sendActivity(await this.sso.signInCard(turn));
      return problem.why ? PRESS_AGAIN[problem.why] : problem.text;
    }
    const { replaced } = await this.sso.keepPending(turn, command);
    await turn.sendActivity(await this.sso.signInCard(turn));
    return replaced ? `${problem.text} ${REPLACED_PENDING}` : problem.text;
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
      // Checked before the token service keeps it under this person's sign-in.
      if (person && !this.isTokenOf(person, request.token)) {
        await turn.sendActivity(NOT_YOUR_ACCOUNT);
        return exchangeFailed(request, 'The token is not for the account that sent it.');
      }
      const token = person && (await this.sso.exchange(turn, request));
      if (!person || !token) return exchangeFailed(request, 'The token could not be exchanged: sign-in or consent is needed.');
      const problem = await this.use(turn, person, token);
      if (problem?.signIn) {
        // 412: Teams shows its own sign-in (and consent) prompt; the command keeps waiting.
        await turn.sendActivity(problem.text);
        return exchangeFailed(request, 'Consent or a new sign-in is needed.');
      }
      if (problem) return this.outage(turn, problem.text);
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
    const problem = !person || !token ? { text: BAD_CODE, signIn: true } : await this.use(turn, person, token);
    if (problem && !problem.signIn) return this.outage(turn, problem.text);
    if (problem) {
      await turn.sendActivity(problem.text);
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

  /**
   * The work answered on its own and keeps what the person entered (the report's review card):
   * the stale sign-in ends and the card follows; nothing waits, the person presses again.
   */
  async askAgain(turn: TurnContext): Promise<void> {
    const person = actingPersonOf(turn);
    if (person) this.services.forgetPerson?.(person);
    await this.sso.signOut(turn);
    await turn.sendActivity(await this.sso.signInCard(turn));
  }

  /**
   * `sign out`: the bot forgets every token made from the sign-in, then the token service the
   * sign-in itself. `tokensOnly` when the token service did not answer: the person must know
   * their sign-in there may still stand.
   */
  async signOut(turn: TurnContext): Promise<'signedOut' | 'tokensOnly'> {
    const person = actingPersonOf(turn);
    if (person) this.services.forgetPerson?.(person);
    try {
      await this.sso.dropPending(turn);
      await this.sso.markSignedOut(turn);
      await this.sso.signOut(turn);
      return 'signedOut';
    } catch (err) {
      this.services.logger.warn({ errorName: (err as Error)?.name, statusCode: (err as { statusCode?: unknown })?.statusCode }, 'sign out: the token service did not end the sign-in');
      return 'tokensOnly';
    }
  }

  private async runPending(turn: TurnContext, run: (command: Command) => Promise<void>): Promise<void> {
    const pending = await this.sso.takePending(turn);
    if (pending === 'expired') await turn.sendActivity(PENDING_EXPIRED);
    else if (pending) await run(pending);
    else await turn.sendActivity(SIGNED_IN);
  }

  /**
   * The sign-in itself worked but Entra is down: the waiting command is dropped rather than
   * run later by surprise, since the person is told nothing was changed and to try again.
   */
  private async outage(turn: TurnContext, text: string): Promise<InvokeResponse> {
    await this.sso.dropPending(turn);
    await turn.sendActivity(text);
    return invokeAnswer(200);
  }

  /**
   * The person's services from their Teams token; otherwise what to say, and whether signing
   * in (again) is the way out (`signIn`) or only waiting for Entra is.
   */
  private async use(turn: TurnContext, person: ActingPerson, token: string): Promise<{ text: string; signIn: boolean; why?: 'again' | 'consent' } | undefined> {
    if (!this.isTokenOf(person, token)) {
      // The token service would hand back the same token: that sign-in ends here.
      this.services.forgetPerson?.(person);
      await this.sso.signOut(turn);
      return { text: NOT_YOUR_ACCOUNT, signIn: true };
    }
    const services = this.services.actAs(person, token);
    try {
      await services.checkSignIn?.();
    } catch (err) {
      if (isAzureError(err) && err.service === 'Microsoft Entra ID') {
        this.services.logger.warn({ code: err.code }, 'Microsoft Entra ID gave no token for the person: down, throttling or not answering');
        return { text: userMessageFor('SIGN_IN_UNAVAILABLE'), signIn: false };
      }
      if (!isAzureError(err, 'SIGN_IN_REQUIRED')) {
        // Anything else: the command meets it and says so, like every other failure.
        resolved.set(turn.activity, services);
        return undefined;
      }
      this.services.logger.info({ reason: err.signInReason }, 'the person must sign in again before acting as them');
      // The token service would hand back the same token: end that sign-in, so the card brings a fresh one.
      this.services.forgetPerson?.(person);
      await this.sso.signOut(turn);
      const why = err.signInReason === 'consent' ? 'consent' : 'again';
      return { text: userMessageFor(why === 'consent' ? 'CONSENT_REQUIRED' : 'SIGN_IN_REQUIRED'), signIn: true, why };
    }
    resolved.set(turn.activity, services);
    return undefined;
  }

  /** Whether the token names the person of the activity, in the activity's tenant. */
  private isTokenOf(person: ActingPerson, token: string): boolean {
    const subject = subjectOf(token);
    const same = subject?.objectId === person.objectId.toLowerCase() && subject.tenantId === person.tenantId.toLowerCase();
    if (!same) {
      // Whose it is stays out of the log too: only what an operator needs to recognise the case.
      this.services.logger.warn({ objectIdMatches: subject?.objectId === person.objectId.toLowerCase(), tenantMatches: subject?.tenantId === person.tenantId.toLowerCase(), readable: subject !== undefined }, 'refused a sign-in for a different account than the sender');
    }
    return same;
  }
}
