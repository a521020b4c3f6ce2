/**
 * The report conversation: form card -> review card -> create. Each card replaces the
 * previous one in place; the draft lives in dialog state (botbuilder Storage), so the
 * conversation survives a restart and can continue on another instance.
 */
import { randomUUID } from 'node:crypto';
import { WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { TurnContext } from 'botbuilder';
import type { IncidentService } from '../../incidents/incidentService';
import { DEFAULT_VALUES, type ReportValues } from '../../incidents/reportValidation';
import type { IncidentDraft } from '../../incidents/types';
import type { Logger } from '../../logging';
import { callerOf } from '../caller';
import { incidentCard } from '../cards/incidentCards';
import { reportFormCard, reportReviewCard } from '../cards/reportCards';
import type { CardAction } from '../cardActions';
import { describeError } from '../errorText';
import { noteSignInNeeded } from '../sso/signInNeeded';

const SIGN_IN_THEN_CREATE =
  "Microsoft Entra ID asks you to sign in again before I can create this as you, so nothing was created. Your report is kept: sign in with the card I send, then press Create incident.";
import type { Caller } from '../handlers/context';
import { checkReport, createReported } from '../handlers/reportSubmission';
import { peoplePickerFor } from '../person';
import { notifySoc, showCard, showText } from '../replies';
import { zoneOfTurn } from '../timeZones';
import { CancelAndHelpDialog } from './cancelAndHelpDialog';
import { CARD_INPUT_DIALOG, CardInputDialog, type CardInputOptions } from './cardInputDialog';
import { REPORT_INCIDENT_DIALOG, VERBS, type ReportOptions } from './reportOptions';
import type { FeedStore } from '../../feed/feedStore';

export { REPORT_INCIDENT_DIALOG, VERBS, type ReportOptions };

const REPORT_WATERFALL = 'reportIncident.waterfall';

interface StepValues {
  submissionId: string;
  values: ReportValues;
  draft?: IncidentDraft;
  reviewError?: string;
}

const CANCELLED = 'Report cancelled. Nothing was created.';

export class ReportIncidentDialog extends CancelAndHelpDialog {
  protected readonly cancelledMessage = CANCELLED;

  constructor(
    /** The reporter's own incident service when the bot acts as them. */
    private readonly incidentsFor: (turn: TurnContext) => IncidentService,
    private readonly logger: Logger,
    /** Who is reporting; the access policy's view of the sender in the bot. */
    private readonly callerFor: (turn: TurnContext) => Caller = (turn) => callerOf(turn),
    /** The channel feed's state: a reporter taking their own report is noted as its owner. */
    private readonly feed?: Pick<FeedStore, 'noteOwner'>,
  ) {
    super(REPORT_INCIDENT_DIALOG);
    this.addDialog(new CardInputDialog());
    this.addDialog(
      new WaterfallDialog(REPORT_WATERFALL, [
        this.formStep.bind(this),
        this.reviewStep.bind(this),
        this.createStep.bind(this),
      ]),
    );
    this.initialDialogId = REPORT_WATERFALL;
  }

  private stepValues(step: WaterfallStepContext): StepValues {
    return step.values as StepValues;
  }

  private async formStep(step: WaterfallStepContext<ReportOptions>): Promise<DialogTurnResult> {
    const options = step.options ?? {};
    const submissionId = options.submissionId ?? randomUUID();
    const values = options.values ?? { ...DEFAULT_VALUES, title: options.title ?? '' };
    Object.assign(step.values, { submissionId, values, reviewError: options.reviewError } satisfies StepValues);
    if (options.reviewError) {
      // Straight back to the review card: the person only needs to press Create again.
      const again: CardAction = { verb: VERBS.submit, data: { ...values, submissionId }, isInvoke: false };
      return step.next(again);
    }
    const input: CardInputOptions = {
      card: reportFormCard(submissionId, values, options.errors, { peoplePicker: peoplePickerFor(step.context, 'message'), mayTriage: await this.callerFor(step.context).mayTriage() }),
      submissionId,
      verbs: [VERBS.submit, VERBS.cancel],
      reminder: 'Your report card is waiting above: fill it in and press Review, or type cancel.',
    };
    return step.beginDialog(CARD_INPUT_DIALOG, input);
  }

  private async reviewStep(step: WaterfallStepContext<ReportOptions>): Promise<DialogTurnResult> {
    const action = step.result as CardAction;
    const state = this.stepValues(step);
    if (action.verb === VERBS.cancel) return this.cancel(step);

    const result = checkReport(this.callerFor(step.context), action.data, { mayTriage: await this.callerFor(step.context).mayTriage() });
    if (!result.ok) {
      return step.replaceDialog(REPORT_WATERFALL, { submissionId: state.submissionId, values: result.values, errors: result.errors });
    }
    state.values = result.values;
    state.draft = result.draft;
    const input: CardInputOptions = {
      card: reportReviewCard(state.submissionId, result.draft, result.reporter ?? { objectId: '', name: '' }, state.reviewError),
      submissionId: state.submissionId,
      verbs: [VERBS.create, VERBS.edit, VERBS.cancel],
      reminder: 'Your report is ready above: press Create incident, Edit or Cancel, or type cancel.',
    };
    return step.beginDialog(CARD_INPUT_DIALOG, input);
  }

  private async createStep(step: WaterfallStepContext<ReportOptions>): Promise<DialogTurnResult> {
    const action = step.result as CardAction;
    const state = this.stepValues(step);
    if (action.verb === VERBS.cancel) return this.cancel(step);
    if (action.verb === VERBS.edit) return step.replaceDialog(REPORT_WATERFALL, { submissionId: state.submissionId, values: state.values });
    const draft = state.draft;
    if (!draft) return step.replaceDialog(REPORT_WATERFALL, { submissionId: state.submissionId, values: state.values });

    try {
      const { incident, created } = await createReported(this.incidentsFor(step.context), this.callerFor(step.context), draft, state.submissionId, this.feed);
      const banner = created ? `Incident ${incident.number} created. Thank you for reporting!` : `This report was already created as incident ${incident.number}.`;
      await showCard(step.context, incidentCard(incident, banner, { zone: zoneOfTurn(step.context) }));
      if (created) notifySoc(step.context, incidentCard(incident, `New incident ${incident.number} reported via Teams.`));
      return step.endDialog(incident.number);
    } catch (err) {
      // The draft stays in state: the person can press Create again, which is safe
      // because the incident id is derived from the submission.
      // The person must sign in again first: the card follows (signInNeeded), and Create is pressed again after it.
      const reviewError = noteSignInNeeded(step.context, err) ? SIGN_IN_THEN_CREATE : `${describeError(err, this.logger)} Your report is kept: press Create incident to try again.`;
      return step.replaceDialog(REPORT_WATERFALL, { submissionId: state.submissionId, values: state.values, reviewError });
    }
  }

  private async cancel(step: WaterfallStepContext): Promise<DialogTurnResult> {
    await showText(step.context, 'Cancelled', CANCELLED);
    return step.endDialog();
  }
}
