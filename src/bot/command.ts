/**
 * What a person asked for, whether they typed it or pressed a card button: the one type both
 * parsers produce (`commands.ts` for text, `cardCommands.ts` for Action.Execute verbs) and the
 * one dispatcher consumes. Values here are already checked for shape (numbers are numbers);
 * handlers check meaning (does the incident exist, may this person change it).
 */
import type { Severity, Status } from '../incidents/types';
import type { Back } from './cards/backLink';
import type { ValueChange } from './parsing/valueMap';

export type NumberedCommand = 'showTasks' | 'assignToMe' | 'assignTo' | 'unassign' | 'showIncident' | 'setSeverity' | 'setStatus' | 'close' | 'comment' | 'completeTask' | 'addTask' | 'taskHistory';

/** A person named in a Teams message (`<at>Ada</at>` in the text, an entity of type mention). */
export interface Mention {
  /** The text as it appears in the message, "<at>Ada</at>". */
  text: string;
  name: string;
  /** The Entra object id, when Teams sent one (or the roster told us). */
  objectId?: string;
  /** The Teams id ("29:..."), to ask the roster for the object id. */
  teamsId?: string;
}

/** Who an incident is handed to: as mentioned, as typed, or as chosen on a card. */
export type Assignee = { mention: Mention } | { name: string } | { objectId: string };

export type TaskChoice = { index: number } | { title: string } | { taskId: string };

export type Command =
  | { kind: 'help' }
  /** Forgets the person's sign-in (single sign-on) and every token the bot holds for them. */
  | { kind: 'signOut' }
  | { kind: 'cancel' }
  | { kind: 'report'; title?: string }
  /** A press on a report card (Review, Edit, Cancel): the open report decides what it means. */
  | { kind: 'reportStep' }
  /** The review card's Create button; `submissionId` answers a press that finds no report open. */
  | { kind: 'reportCreate'; submissionId?: unknown }
  /** `offset`: the first row of a list card's window ("Show 10 more"); 0 when absent. */
  | { kind: 'showTasks'; incidentNumber: number; offset?: number; back?: Back }
  /** `expectedOwner`: the owner the person agreed to take it from (the Take it button). */
  | { kind: 'assignToMe'; incidentNumber: number; expectedOwner?: string }
  /**
   * The incident card's Assign button: the person chosen in its "Assign to…" picker, by object
   * id, which must be someone the picker could have offered here (the client could send an arbitrary id).
   */
  | { kind: 'assignPicked'; incidentNumber: number; objectId: string }
  /** Hands the incident to someone; `expectedOwner` as for unassign. */
  | { kind: 'assignTo'; incidentNumber: number; assignee: Assignee; expectedOwner?: string }
  /**
   * Clears the owner. `expectedOwner`: the owner's object id (or "none") the person saw when
   * they confirmed; absent when typed, so removing someone else is asked about first.
   */
  | { kind: 'unassign'; incidentNumber: number; expectedOwner?: string }
  /** `back`: the list card a row's press came from, so the detail card can return to it. */
  | { kind: 'showIncident'; incidentNumber: number; back?: Back }
  /** Universal Actions' automatic refresh; the banner travels in the card's data. */
  | { kind: 'refreshIncident'; incidentNumber: number; banner: string; tone?: 'good' | 'warning' }
  | { kind: 'myIncidents'; page?: number }
  | { kind: 'setSeverity'; incidentNumber: number; severity: Severity }
  | { kind: 'setStatus'; incidentNumber: number; status: Exclude<Status, 'Closed'> }
  /**
   * Reopens a closed incident, after a confirmation naming how it was closed. `closedAt`: when
   * the closed incident the person agreed to reopen last changed (the confirm button carries it);
   * absent when typed or pressed on a tasks card, so the person is asked first. `then`: the card
   * to answer with, the tasks card when the press came from it.
   */
  | { kind: 'reopen'; incidentNumber: number; status?: 'New' | 'Active'; closedAt?: string; then?: 'tasks' }
  /** Shows the close card (classification, open tasks). */
  | { kind: 'close'; incidentNumber: number }
  /** The close card's Close button. */
  | { kind: 'closeSubmit'; incidentNumber: number; classification: string; classificationComment: string; confirmedOpenTasks: number }
  | { kind: 'comment'; incidentNumber: number; text: string }
  | { kind: 'completeTask'; incidentNumber: number; task: TaskChoice; offset?: number }
  | { kind: 'addTask'; incidentNumber: number; title: string }
  | { kind: 'taskHistory'; incidentNumber: number; offset?: number }
  | { kind: 'looseEnds'; offset?: number }
  /** `watch high incidents`: this conversation gets a card for each new matching incident. */
  | { kind: 'watch'; filterText: string }
  | { kind: 'unwatch' }
  | { kind: 'watching' }
  /** A window of a feed digest card's incidents (its "Show 10 more"). */
  | { kind: 'feedDigest'; digest: string; offset?: number }
  /**
   * The command was recognized but its incident number is missing or not exactly one plain
   * number; `read` holds the number-like text found (signed, several, other digits ...).
   * `choices`: when several plain numbers were named, the same message once per number, each
   * offered as a button that runs exactly that text.
   */
  | { kind: 'needsIncidentNumber'; command: NumberedCommand; example: string; read?: string[]; choices?: string[] }
  /** A severity or status change whose value is missing or not one Sentinel has (`read`). */
  | { kind: 'needsValue'; field: 'severity' | 'status'; incidentNumber: number; read?: string }
  /**
   * A value Sentinel does not have, mapped (parsing/valueMap.ts): "critical" -> High. Never
   * written as typed: the answer says the mapping and asks. `typed`: the word as read.
   * `expected`: on the confirm button's press, the value the card showed, so a press after
   * someone else changed it asks again.
   */
  | { kind: 'confirmValue'; incidentNumber: number; change: ValueChange; typed: string; expected?: string }
  /** Two plausible readings ("assign 405211" with nobody named): each offered as a button, none run. */
  | { kind: 'didYouMean'; heading: string; message: string; options: string[] }
  /** A card press whose verb or data cannot be used (a forged, broken or retired card). */
  /**
   * `incidentNumber` and `inputs` when the press came from an incident card: the answer is that
   * card again with the sentence in it and the person's choices kept.
   */
  | { kind: 'invalidCard'; verb: string; detail: string; incidentNumber?: number; inputs?: { severity?: string; status?: string } }
  | { kind: 'empty' }
  | { kind: 'unknown'; text: string };

/** The incident a command is about, for error messages. */
export function incidentNumberOf(command: Command): number | undefined {
  return 'incidentNumber' in command ? command.incidentNumber : undefined;
}
