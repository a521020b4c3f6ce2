/**
 * Teams single sign-on through the Azure Bot's OAuth connection, with botbuilder's user token
 * client (the Bot Framework token service): the person's token for the bot's API, the sign-in
 * card when there is none, Teams' silent `signin/tokenExchange` and the magic-code
 * `signin/verifyState`, and signing out.
 *
 * What the person asked for while not signed in waits in state (per person and conversation)
 * and runs once the sign-in completes. Teams sends the same token exchange from each of the
 * person's open clients: one id is exchanged once, whichever instance gets it.
 */
import { CardFactory, type Activity, type CloudAdapterBase, type InvokeResponse, type TokenExchangeInvokeRequest, type TokenExchangeInvokeResponse, type TurnContext } from 'botbuilder';
import type { UserTokenClient } from 'botframework-connector';
import type { Logger } from '../../logging';
import type { Command } from '../command';
import { StateConflictError, type StateStore } from '../storage';

export const TOKEN_EXCHANGE = 'signin/tokenExchange';
export const VERIFY_STATE = 'signin/verifyState';
/** Teams' own report that its silent sign-in failed (e.g. `resourcematchfailed`: the manifest's resource is not the app's exposed API). */
export const SIGN_IN_FAILURE = 'signin/failure';

/** A command older than this is not run after a sign-in: the person has moved on. */
export const PENDING_FOR_MS = 15 * 60 * 1000;
const PENDING_ATTEMPTS = 3;

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/** A Teams token exchange the person's client sent, if its shape is right. */
export function readTokenExchange(activity: Partial<Activity>): TokenExchangeInvokeRequest | undefined {
  const value = record(activity.value);
  const id = text(value?.id);
  const connectionName = text(value?.connectionName);
  const token = text(value?.token);
  return id && connectionName && token ? { id, connectionName, token } : undefined;
}

export class SingleSignOn {
  constructor(
    readonly connectionName: string,
    private readonly store: StateStore,
    private readonly logger: Logger,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** A copy of a turn (new TurnContext(turn)) starts with empty turn state: it needs the turn's user token client. */
  carryOver(from: TurnContext, to: TurnContext): void {
    const key = (from.adapter as CloudAdapterBase).UserTokenClientKey;
    to.turnState.set(key, from.turnState.get(key));
  }

  private client(turn: TurnContext): UserTokenClient {
    const client = turn.turnState.get<UserTokenClient | undefined>((turn.adapter as CloudAdapterBase).UserTokenClientKey);
    if (!client) throw new Error('the adapter gave this turn no user token client');
    return client;
  }

  private user(turn: TurnContext): { userId: string; channelId: string } {
    return { userId: turn.activity.from?.id ?? '', channelId: turn.activity.channelId ?? '' };
  }

  /** The person's token for the bot's API, or undefined when they have not signed in (or it lapsed). */
  async token(turn: TurnContext, magicCode?: string): Promise<string | undefined> {
    const { userId, channelId } = this.user(turn);
    // botbuilder's own prompts pass no code when there is none; its signature wants a string.
    const answer = await this.client(turn).getUserToken(userId, this.connectionName, channelId, magicCode as string);
    return text(answer?.token);
  }

  /** Teams' token from its own sign-in, exchanged at the token service; undefined when that fails. */
  async exchange(turn: TurnContext, request: TokenExchangeInvokeRequest): Promise<string | undefined> {
    const { userId, channelId } = this.user(turn);
    try {
      const answer = await this.client(turn).exchangeToken(userId, this.connectionName, channelId, { token: request.token });
      return text(answer?.token);
    } catch (err) {
      // The service's error names the reason (consent missing, wrong audience); never the token.
      this.logger.info({ errorName: (err as Error)?.name, statusCode: (err as { statusCode?: unknown }).statusCode }, 'token exchange refused: the person must sign in or consent');
      return undefined;
    }
  }

  async signOut(turn: TurnContext): Promise<void> {
    const { userId, channelId } = this.user(turn);
    await this.client(turn).signOutUser(userId, this.connectionName, channelId);
  }

  /** The OAuth card: Teams exchanges silently where it can (tokenExchangeResource), else shows the button. */
  async signInCard(turn: TurnContext): Promise<Partial<Activity>> {
    const resource = await this.client(turn).getSignInResource(this.connectionName, turn.activity as Activity, '');
    const card = CardFactory.oauthCard(this.connectionName, 'Sign in', 'Sign in so that I act in Microsoft Sentinel as you.', resource.signInLink, resource.tokenExchangeResource);
    return { type: 'message', attachments: [card] };
  }

  /**
   * True the first time this exchange id is seen for the person. The record is per person and
   * written only over the version read, so two instances racing on one id let one through.
   */
  async firstExchange(turn: TurnContext, id: string): Promise<boolean> {
    const key = this.key(turn, 'exchange');
    const current = await this.store.read(key);
    if (current?.value.id === id) return false;
    try {
      await this.store.write(key, { id }, current?.eTag);
      return true;
    } catch (err) {
      if (err instanceof StateConflictError) return false;
      throw err;
    }
  }

  /**
   * Keeps the command until the sign-in completes; one waits per person and conversation, the
   * latest. Answers whether it took the place of a different one still waiting, so the person
   * can be told which of their requests will run. A write that loses to another turn of the
   * same person reads again: the command it was told would wait is not dropped silently.
   */
  async keepPending(turn: TurnContext, command: Command): Promise<{ replaced: boolean }> {
    const key = this.key(turn, 'pending');
    for (let attempt = 1; ; attempt++) {
      const current = await this.store.read(key);
      const earlier = current && this.waiting(current.value);
      try {
        await this.store.write(key, { command, at: this.now() }, current?.eTag);
        return { replaced: earlier !== undefined && JSON.stringify(earlier) !== JSON.stringify(command) };
      } catch (err) {
        if (!(err instanceof StateConflictError) || attempt >= PENDING_ATTEMPTS) throw err;
      }
    }
  }

  /**
   * The command waiting for this sign-in, taken out of state so it runs once: the record is
   * marked taken over the version read, so two sign-ins completing at once (two clients, a code
   * and an exchange) run it once between them. `expired`: one waited, but too long to run now.
   */
  async takePending(turn: TurnContext): Promise<Command | 'expired' | undefined> {
    const key = this.key(turn, 'pending');
    const current = await this.store.read(key);
    if (!current || current.value.taken === true) return undefined;
    try {
      await this.store.write(key, { taken: true }, current.eTag);
    } catch (err) {
      if (err instanceof StateConflictError) return undefined;
      throw err;
    }
    await this.store.delete(key);
    // Asked before the person's last `sign out` (in whichever conversation): they ended all that.
    const signedOutAt = (await this.store.read(this.key(turn, 'signedOut')))?.value.at;
    if (typeof signedOutAt === 'number' && typeof current.value.at === 'number' && current.value.at <= signedOutAt) return undefined;
    return this.waiting(current.value) ?? (current.value.command !== undefined ? 'expired' : undefined);
  }

  /**
   * The person said `sign out`: what they asked before, in every conversation, no longer runs.
   * Waiting commands are kept per conversation, so the time is kept per person instead.
   */
  async markSignedOut(turn: TurnContext): Promise<void> {
    const key = this.key(turn, 'signedOut');
    for (let attempt = 1; ; attempt++) {
      const current = await this.store.read(key);
      try {
        await this.store.write(key, { at: this.now() }, current?.eTag);
        return;
      } catch (err) {
        if (!(err instanceof StateConflictError) || attempt >= PENDING_ATTEMPTS) throw err;
      }
    }
  }

  /** The command of a pending record, if it is one and still within its window. */
  private waiting(value: Record<string, unknown>): Command | undefined {
    const at = value.at;
    const command = record(value.command);
    if (value.taken === true || typeof at !== 'number' || this.now() - at > PENDING_FOR_MS || typeof command?.kind !== 'string') return undefined;
    return command as Command;
  }

  async dropPending(turn: TurnContext): Promise<void> {
    await this.store.delete(this.key(turn, 'pending'));
  }

  private key(turn: TurnContext, what: 'pending' | 'exchange' | 'signedOut'): string {
    const a = turn.activity;
    // Per person everywhere; a waiting command also per conversation, where its answer belongs.
    const scope = what === 'pending' ? `${a.conversation?.id ?? ''}/` : '';
    return `sso/${what}/${a.channelId ?? ''}/${scope}${a.from?.id ?? ''}`;
  }
}

export function invokeAnswer(status: number, body?: unknown): InvokeResponse {
  return { status, body };
}

/** Teams shows its sign-in (or consent) prompt on a 412 carrying the exchange's id and connection. */
export function exchangeFailed(request: TokenExchangeInvokeRequest, failureDetail: string): InvokeResponse {
  const body: TokenExchangeInvokeResponse = { id: request.id, connectionName: request.connectionName, failureDetail };
  return invokeAnswer(412, body);
}
