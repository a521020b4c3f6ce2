/**
 * Owns the dialog set and where its state lives. Dialog state is per person per
 * conversation (PrivateConversationState keys, written conditionally: ../conditionalState.ts):
 * two people reporting in one group chat do not share a draft.
 *
 * botbuilder-dialogs (with the text recognizers it pulls in) takes about 200 ms to load, a
 * fifth of a cold start, and most turns (help, show tasks, assign) never open a dialog. So the
 * library and the dialogs load on first use: the first report in a process pays it once.
 * (Loading it eagerly right after start-up only moves the wait onto whichever request comes
 * first, while holding up the readiness probe.)
 */
import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import type { ConditionalConversationState } from '../conditionalState';
import type { Dialog, DialogContext, DialogSet, DialogState } from 'botbuilder-dialogs';

const TOUCHED = Symbol('dialogStateTouched');

export class DialogRunner {
  private readonly property: StatePropertyAccessor<DialogState>;
  private dialogs?: DialogSet;

  /** `loadDialogs` runs once, the first time a dialog context is needed. */
  constructor(
    private readonly state: ConditionalConversationState,
    private readonly loadDialogs: () => Dialog[],
  ) {
    this.property = state.createProperty<DialogState>('dialogState');
  }

  /**
   * Whether this person has a dialog open here, read from storage without loading the dialogs
   * or the state's change tracking: most turns only ask, never write, and need not pay for it.
   */
  async isActive(context: TurnContext): Promise<boolean> {
    let saved: DialogState | undefined;
    if (context.turnState.get(TOUCHED)) {
      saved = await this.property.get(context);
    } else {
      const item = (await this.state.peek(context)) as { dialogState?: DialogState } | undefined;
      saved = item?.dialogState;
    }
    // State can come from shared blob storage written by another version: read it defensively.
    return Array.isArray(saved?.dialogStack) && saved.dialogStack.length > 0;
  }

  createContext(context: TurnContext): Promise<DialogContext> {
    context.turnState.set(TOUCHED, true);
    return this.set().createContext(context);
  }

  /**
   * Writes dialog state back, if this turn ran a dialog (nothing else changes it). Throws
   * StateConflictError when another turn (maybe on another instance) saved first.
   */
  async save(context: TurnContext): Promise<void> {
    if (context.turnState.get(TOUCHED)) await this.state.saveChanges(context, false);
  }

  /** Drops this turn's reading and changes, and reads what is stored now. */
  reload(context: TurnContext): Promise<void> {
    return this.state.reload(context);
  }

  private set(): DialogSet {
    if (!this.dialogs) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { DialogSet: Set } = require('botbuilder-dialogs') as typeof import('botbuilder-dialogs');
      const set = new Set(this.property);
      for (const dialog of this.loadDialogs()) set.add(dialog);
      this.dialogs = set;
    }
    return this.dialogs;
  }
}
