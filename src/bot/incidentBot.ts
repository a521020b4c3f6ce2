/**
 * The bot layer: a typed message or a card press becomes a Command (one parser each), the
 * one dispatcher answers it with a Reply, and this class delivers that reply: as messages,
 * or as the invoke response that replaces the pressed card.
 */
import {
  TeamsActivityHandler,
  TurnContext,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type InvokeResponse,
  type MessagingExtensionAction,
  type MessagingExtensionActionResponse,
} from 'botbuilder';
import { userMessageFor } from '../incidents/errors';
import type { BotServices } from './botServices';
import { callerOf } from './caller';
import { actingPersonOf, isTeamsClient } from './person';
import { readCardAction } from './cardActions';
import { parseCardAction } from './cardCommands';
import { helpPlaceOf, noticeCard } from './cards/generalCards';
import type { AdaptiveCardJson } from './cards/renderCard';
import type { Command } from './command';
import { parseCommand } from './commands';
import { mentionsIn, withObjectIds } from './mentions';
import { reportConversation } from './dialogs/reportConversation';
import { dispatch, dispatchPress } from './dispatch';
import type { HandlerContext } from './handlers/context';
import { conversationOf } from './conversationInfo';
import { fetchReportTask, REPORT_TO_SOC, submitReportTask } from './messageExtension/reportToSoc';
import { invokeCardOf, textReply, type Reply } from './reply';
import { cardFor, sendReply, showTyping } from './replies';
import { answerPeopleSearch } from './peopleSearch';
import { StateConflictError } from './storage';
import { botWasAdded, learnTeamChannels, welcomeText } from './welcome';
import { personServicesOf, type SignInFlow } from './sso/signInFlow';
import { signInNeeded } from './sso/signInNeeded';
import { SIGN_IN_FAILURE, TOKEN_EXCHANGE, VERIFY_STATE } from './sso/singleSignOn';
import { cardResponse, KEEP_CARD, messageResponse, workingCopy } from './invokeAnswers';

/** A turn that lost a state race re-reads and runs again; after this many tries it says so. */
const STATE_ATTEMPTS = 3;
const CHANGED_ELSEWHERE = 'Your report was changed in another window at the same moment, so this step was not saved. Use the latest card, or type "report" to start again.';

const NOT_TOLD = 'I could not send the new owner a personal message in Teams (the app may not be installed for them), so let them know yourself.';

export class IncidentBot extends TeamsActivityHandler {
  constructor(
    private readonly services: BotServices,
    /** Teams single sign-on, when the bot acts as each person in Azure. */
    private readonly signIn?: SignInFlow,
  ) {
    super();
    this.onMessage(async (turn, next) => {
      await this.handleMessage(turn);
      await next();
    });
    this.onMembersAdded(async (turn, next) => {
      if (botWasAdded(turn.activity)) await turn.sendActivity(welcomeText(turn.activity, await learnTeamChannels(turn, this.services)));
      await next();
    });
  }

  override async run(turn: TurnContext): Promise<void> {
    if (!this.services.access.isTenantAllowed(turn)) {
      await this.refuseTenant(turn);
      return;
    }
    await super.run(turn);
    try {
      await this.services.dialogs.save(turn);
    } catch (err) {
      if (!(err instanceof StateConflictError)) throw err;
      // What this turn said is already on its way; it must not stand as if it were saved.
      this.services.logger.info({ code: err.code }, 'dialog state changed elsewhere during a message turn');
      await this.services.dialogs.reload(turn);
      // Replies still held for the answer (expectReplies) describe the unsaved step: drop them.
      if (turn.activity.deliveryMode === 'expectReplies') turn.bufferedReplyActivities.length = 0;
      await turn.sendActivity(CHANGED_ELSEWHERE);
    }
  }

  /** Other tenants get one clear sentence and nothing else: no state, no Azure call. */
  private async refuseTenant(turn: TurnContext): Promise<void> {
    const message = userMessageFor('TENANT_NOT_ALLOWED');
    if (turn.activity.type === 'message') {
      await turn.sendActivity(message);
    } else if (turn.activity.type === 'invoke') {
      await turn.sendActivity({ type: 'invokeResponse', value: { status: 403, body: { statusCode: 403, type: 'application/vnd.microsoft.error', value: { code: 'Forbidden', message } } } });
    }
  }

  /**
   * The person's own services when the bot acts as them, the bot's otherwise. With single
   * sign-on they exist only once the sign-in flow has the person's token (see SignInFlow).
   */
  private servicesFor(turn: TurnContext): BotServices {
    const signedIn = personServicesOf(turn);
    if (signedIn) return { ...this.services, ...signedIn };
    const person = !this.signIn && this.services.actAs && actingPersonOf(turn);
    return person && this.services.actAs ? { ...this.services, ...this.services.actAs(person) } : this.services;
  }

  /** Ends the person's sign-in: at the token service with single sign-on, and their cached tokens always. */
  private signOutFor(turn: TurnContext): (() => Promise<'signedOut' | 'tokensOnly'>) | undefined {
    const signIn = this.signIn;
    if (signIn) return () => signIn.signOut(turn);
    const person = this.services.forgetPerson && actingPersonOf(turn);
    return person
      ? async () => {
          this.services.forgetPerson?.(person);
          return 'signedOut';
        }
      : undefined;
  }

  private async handlerContext(turn: TurnContext): Promise<HandlerContext> {
    const services = this.servicesFor(turn);
    const messenger = this.services.messenger;
    return {
      services,
      pickable: this.services.rosters.pickable(turn, services.people),
      peoplePicker: isTeamsClient(turn),
      caller: callerOf(turn, this.services.access, this.services.members),
      timeZone: await this.services.timeZones.zoneFor(turn),
      report: reportConversation(turn, this.services.dialogs),
      // Only the feed's commands need it, and building it copies the whole reference: on demand.
      get conversation() {
        return conversationOf(turn, messenger);
      },
      working: () => showTyping(turn),
      place: helpPlaceOf(turn.activity),
      signOut: this.signOutFor(turn),
    };
  }

  /** A typed message, or a card press from a channel without Universal Actions (Action.Submit). */
  private async handleMessage(turn: TurnContext): Promise<void> {
    const action = readCardAction(turn.activity);
    let command: Command;
    if (action) {
      command = parseCardAction(action.verb, action.data);
    } else {
      // In channels and group chats the text starts with "<at>Bot</at>"; parse what follows.
      const text = TurnContext.removeRecipientMention(turn.activity) ?? turn.activity.text ?? '';
      const mentions = mentionsIn(turn.activity);
      command = parseCommand(text, mentions.length > 0 && /<at>/i.test(text) ? await withObjectIds(turn, mentions) : mentions);
    }
    const refusal = await this.signIn?.prepare(turn, command);
    if (refusal !== undefined) {
      await turn.sendActivity(refusal);
      return;
    }
    const reply = await (action ? dispatchPress : dispatch)(await this.handlerContext(turn), command);
    await sendReply(turn, reply);
    if (reply.signIn) await this.signIn?.afterRefusal(turn, command);
    else if (signInNeeded(turn)) await this.signIn?.askAgain(turn);
    await this.notifyAndSay(turn, reply);
  }

  /** A command that waited for the person to sign in: answered as new messages. */
  private async runAfterSignIn(turn: TurnContext, command: Command): Promise<void> {
    const reply = await dispatch(await this.handlerContext(turn), command);
    await sendReply(turn, reply);
    if (reply.signIn) await this.signIn?.afterRefusal(turn, command);
    else if (signInNeeded(turn)) await this.signIn?.askAgain(turn);
    await this.notifyAndSay(turn, reply);
  }

  /**
   * Teams' single sign-on invokes go to the sign-in flow, the people picker's typeahead to the
   * people search (not botbuilder's onSearchInvoke, which refuses the empty query the picker
   * opens with); every other invoke as botbuilder routes it.
   */
  protected override async onInvokeActivity(turn: TurnContext): Promise<InvokeResponse> {
    const name = turn.activity.name;
    if (this.signIn && (name === TOKEN_EXCHANGE || name === VERIFY_STATE || name === SIGN_IN_FAILURE)) {
      return this.signIn.onInvoke(turn, (command) => this.runAfterSignIn(turn, command));
    }
    if (name === 'application/search') return answerPeopleSearch(turn.activity.value, await this.handlerContext(turn), this.services.logger);
    return super.onInvokeActivity(turn);
  }

  /** The change is made either way; the person who made it hears when the new owner was not told. */
  private async notifyAndSay(turn: TurnContext, reply: Reply): Promise<void> {
    if ((await this.notify(turn, reply)) > 0) await sendReply(turn, textReply('Not told in Teams', NOT_TOLD));
  }

  /** How many people could not be sent their personal message. */
  private async notify(turn: TurnContext, reply: Reply): Promise<number> {
    for (const card of reply.notify) await this.services.messenger.notifySoc(turn, card);
    let missed = 0;
    for (const notice of reply.personal ?? []) if (!(await this.services.messenger.notifyPerson(turn, notice.objectId, notice.card))) missed++;
    return missed;
  }

  /**
   * Teams gives a card button a few seconds. The work runs on a copy of the turn context
   * that outlives the turn; if it is not done by the deadline the person gets a "working
   * on it" card at once, and the real answer replaces it when the work finishes.
   */
  protected override async onAdaptiveCardInvoke(turn: TurnContext, _value: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    const action = readCardAction(turn.activity);
    if (!action) {
      return { statusCode: 400, type: 'application/vnd.microsoft.error', value: { code: 'BadRequest', message: 'The card action has no valid verb.' } };
    }
    const command = parseCardAction(action.verb, action.data);
    this.adoptFeedCopy(turn, command);
    const refusal = await this.signIn?.prepare(turn, command);
    if (refusal !== undefined) return messageResponse(refusal);
    const work = workingCopy(turn);
    this.signIn?.sso.carryOver(turn, work);
    // Teams refreshing a card by itself: a failure keeps the card as it was, not an error in its place.
    const automatic = (turn.activity.value as { trigger?: unknown } | undefined)?.trigger === 'automatic';
    const failures = { failed: false };
    const done = this.runInvoke(work, command, failures);
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), this.services.invokeDeadlineMs);
    });
    const first = await Promise.race([done, late]);
    clearTimeout(timer);
    if (automatic && (first === 'late' || failures.failed)) return KEEP_CARD;
    if (first !== 'late') return cardResponse(first);

    const reference = this.services.messenger.referenceOf(turn);
    const cardId = turn.activity.replyToId;
    void done
      .then(async (card) => {
        if (cardId) await this.services.messenger.updateCard(reference, cardId, card);
      })
      .catch((err: unknown) => this.services.logger.warn({ code: (err as { code?: unknown }).code }, 'could not update the card after slow work'));
    return cardResponse(noticeCard('Working on it…', 'Microsoft Sentinel is slow to answer. This card will update as soon as it is done.'));
  }

  /**
   * A press on a channel card the feed may have posted twice (a process stopped between Teams
   * taking the post and the feed recording it): an earlier copy is found this way and kept current
   * from then on. In the background; the press is answered as usual.
   */
  private adoptFeedCopy(turn: TurnContext, command: Command): void {
    const feed = this.services.feed;
    const cardId = turn.activity.replyToId;
    const conversation = turn.activity.conversation;
    const incidentNumber = 'incidentNumber' in command ? command.incidentNumber : undefined;
    if (!feed || !cardId || !conversation?.id || conversation.conversationType === 'personal' || incidentNumber === undefined) return;
    void feed
      .adoptCopy(conversation.id, incidentNumber, cardId)
      .then((found) => found && this.services.logger.info({ incidentNumber }, 'found an earlier copy of a feed card: it is kept current too'))
      .catch((err: unknown) => this.services.logger.warn({ code: (err as { code?: unknown }).code }, 'could not check a pressed card against the feed'));
  }

  /**
   * The card that answers a press; SOC notices follow without holding up the answer. A press
   * whose state write loses to another turn (another window, a double click landing on two
   * instances) runs again on the state that won, so the card it answers with shows what is
   * really stored. Its side effects are safe to repeat: creating is idempotent per
   * submission, and the other verbs change no dialog state.
   */
  private async runInvoke(work: TurnContext, command: Command, failures: { failed: boolean }): Promise<AdaptiveCardJson> {
    for (let attempt = 1; ; attempt++) {
      const reply = await dispatchPress(await this.handlerContext(work), command);
      failures.failed = reply.failed === true;
      try {
        await this.services.dialogs.save(work);
      } catch (err) {
        if (!(err instanceof StateConflictError)) throw err;
        this.services.logger.info({ code: err.code, attempt }, 'dialog state changed elsewhere: re-reading and running the press again');
        await this.services.dialogs.reload(work);
        if (attempt >= STATE_ATTEMPTS) return cardFor(work, noticeCard('Changed elsewhere', CHANGED_ELSEWHERE, { tone: 'error' }));
        continue;
      }
      if (reply.notify.length || reply.personal?.length) {
        // The turn is over once the card is answered: a note that the new owner was not told goes proactively.
        const reference = this.services.messenger.referenceOf(work);
        void this.notify(work, reply)
          .then(async (missed) => {
            if (missed > 0) await this.services.messenger.say(reference, NOT_TOLD);
          })
          .catch((err: unknown) => this.services.logger.warn({ code: (err as { code?: unknown }).code }, 'could not say that the new owner was not told'));
      }
      if (reply.signIn) await this.signIn?.afterRefusal(work, command);
      else if (signInNeeded(work)) await this.signIn?.askAgain(work);
      return cardFor(work, invokeCardOf(reply) ?? noticeCard('Done', 'Done.'));
    }
  }

  protected override async handleTeamsMessagingExtensionFetchTask(turn: TurnContext, action: MessagingExtensionAction): Promise<MessagingExtensionActionResponse> {
    if (action.commandId !== REPORT_TO_SOC) return { task: { type: 'message', value: 'This command is not supported.' } };
    return fetchReportTask(turn, action, callerOf(turn, this.services.access, this.services.members));
  }

  protected override async handleTeamsMessagingExtensionSubmitAction(turn: TurnContext, action: MessagingExtensionAction): Promise<MessagingExtensionActionResponse> {
    if (action.commandId !== REPORT_TO_SOC) return { task: { type: 'message', value: 'This command is not supported.' } };
    const refusal = await this.signIn?.prepare(turn, { kind: 'report' });
    if (refusal !== undefined) return { task: { type: 'message', value: refusal } };
    await this.services.timeZones.zoneFor(turn);
    return submitReportTask(turn, action, callerOf(turn, this.services.access, this.services.members), this.servicesFor(turn));
  }
}
