/**
 * The one dispatcher: a Command (typed or pressed) -> its handler -> a Reply. Failures become
 * a safe sentence here, so every command answers, and the bot layer only delivers replies.
 */
import { isAzureError } from '../azure/errors';
import { UserError } from '../incidents/errors';
import { didYouMeanCard, helpCard } from './cards/generalCards';
import { parseCommand } from './commands';
import { STARTING_POINTS_BY_PLACE, suggestionsFor } from './parsing/suggestions';
import { incidentNumberOf, type Command } from './command';
import { describeError } from './errorText';
import type { HandlerContext } from './handlers/context';
import { closeIncident, showCloseForm } from './handlers/closeHandlers';
import { assignPicked, assignTo } from './handlers/assignHandlers';
import { reopenIncident } from './handlers/reopenHandlers';
import { unassign } from './handlers/ownerHandlers';
import { assignToMe, commentIncident, incidentCardError, refreshIncident, setSeverity, setStatus, showIncident } from './handlers/incidentHandlers';
import { digestPage, unwatchIncidents, watchIncidents, whatIsWatched } from './handlers/feedHandlers';
import { looseEnds, myIncidents } from './handlers/queueHandlers';
import { continueReport, createReport, startReport } from './handlers/reportHandlers';
import { signOut } from './handlers/signInHandlers';
import { addTask, completeTask, showTasks, taskHistory } from './handlers/taskHandlers';
import { tasksCard } from './cards/taskCards';
import { confirmValue } from './handlers/valueHandlers';
import { cardReply, textReply, type Reply } from './reply';

function run(ctx: HandlerContext, command: Command): Promise<Reply> {
  switch (command.kind) {
    case 'report':
      return startReport(ctx, command.title);
    case 'reportStep':
      return continueReport(ctx);
    case 'reportCreate':
      return createReport(ctx, command.submissionId);
    case 'showTasks':
      return showTasks(ctx, command.incidentNumber, command.offset, command.back);
    case 'assignToMe':
      return assignToMe(ctx, command.incidentNumber, command.expectedOwner);
    case 'assignTo':
      return assignTo(ctx, command.incidentNumber, command.assignee, command.expectedOwner);
    case 'assignPicked':
      return assignPicked(ctx, command.incidentNumber, command.objectId);
    case 'unassign':
      return unassign(ctx, command.incidentNumber, command.expectedOwner);
    case 'showIncident':
      return showIncident(ctx, command.incidentNumber, command.back);
    case 'refreshIncident':
      return refreshIncident(ctx, command.incidentNumber, command.banner, command.tone);
    case 'myIncidents':
      return myIncidents(ctx, command.page);
    case 'setSeverity':
      return setSeverity(ctx, command.incidentNumber, command.severity);
    case 'setStatus':
      return setStatus(ctx, command.incidentNumber, command.status);
    case 'close':
      return showCloseForm(ctx, command.incidentNumber);
    case 'reopen':
      return reopenIncident(ctx, command.incidentNumber, { status: command.status, closedAt: command.closedAt, then: command.then });
    case 'closeSubmit':
      return closeIncident(ctx, command.incidentNumber, command);
    case 'comment':
      return commentIncident(ctx, command.incidentNumber, command.text);
    case 'completeTask':
      return completeTask(ctx, command.incidentNumber, command.task, command.offset);
    case 'addTask':
      return addTask(ctx, command.incidentNumber, command.title);
    case 'taskHistory':
      return taskHistory(ctx, command.incidentNumber, command.offset);
    case 'looseEnds':
      return looseEnds(ctx, command.offset);
    case 'watch':
      return watchIncidents(ctx, command.filterText);
    case 'unwatch':
      return unwatchIncidents(ctx);
    case 'watching':
      return whatIsWatched(ctx);
    case 'signOut':
      return signOut(ctx);
    case 'feedDigest':
      return digestPage(ctx, command.digest, command.offset);
    case 'needsIncidentNumber':
      if (command.choices?.length) return Promise.resolve(cardReply(didYouMeanCard(command.choices, { heading: 'Which incident?', message: `${whichIncident(command, false)} Which one did you mean?` })));
      return Promise.resolve(textReply('Which incident?', whichIncident(command)));
    case 'confirmValue':
      return confirmValue(ctx, command);
    case 'didYouMean':
      return Promise.resolve(cardReply(didYouMeanCard(command.options, { heading: command.heading, message: command.message })));
    case 'needsValue':
      return Promise.resolve(textReply(command.field === 'severity' ? 'Which severity?' : 'Which status?', whichValue(command)));
    case 'invalidCard':
      ctx.services.logger.warn({ verb: command.verb }, 'unusable card action');
      if (command.incidentNumber !== undefined) return incidentCardError(ctx, command.incidentNumber, command.detail, command.inputs);
      throw new UserError('INVALID_INPUT', { detail: command.detail });
    case 'cancel':
    case 'help':
    case 'unknown':
    case 'empty':
      return answerOrInterrupt(ctx, command);
  }
}

/** Names what was read, so a person sees why nothing was done with it. */
function whichIncident(command: Extract<Command, { kind: 'needsIncidentNumber' }>, withExample = true): string {
  const ask = `Which incident do you mean? Give one incident number, for example: ${command.example}`;
  const read = command.read ?? [];
  if (read.length > 1) return `I read more than one number (${read.join(', ')}) and did nothing.${withExample ? ` ${ask}` : ''}`;
  if (read.length === 1) return `"${read[0] ?? ''}" is not an incident number (they are plain whole numbers like 405211, without a sign, leading zeros or decimals), so I did nothing. ${ask}`;
  return ask;
}

function whichValue(command: Extract<Command, { kind: 'needsValue' }>): string {
  const values = command.field === 'severity' ? 'High, Medium, Low or Informational' : 'New, Active or Closed';
  const example = command.field === 'severity' ? `set severity of ${command.incidentNumber} to high` : `set status of ${command.incidentNumber} to active`;
  const said = command.read ? `Sentinel has no ${command.field} "${command.read}", so I did not change ${command.incidentNumber}. ` : '';
  return `${said}Which ${command.field} do you mean: ${values}? For example: ${example}`;
}

/** The open report answers these itself (cancel, help, "use the card"); otherwise we do. */
async function answerOrInterrupt(ctx: HandlerContext, command: Command): Promise<Reply> {
  const typed = command.kind === 'unknown' ? command.text : '';
  const place = (ctx.place?.conversation ?? 'personal') === 'personal' ? 'personal' : 'shared';
  const suggestions = typed ? suggestionsFor(typed, (text) => parseCommand(text), place) : [];
  // A misspelt command is not small talk about the report: offer what was meant, and say the report waits.
  if (suggestions.some((s) => !STARTING_POINTS_BY_PLACE[place].includes(s)) && (await ctx.report.isOpen())) {
    return cardReply(didYouMeanCard(suggestions, { heading: "I didn't catch that", message: 'Your report is still open above (type cancel to drop it). Did you mean one of these?' }));
  }
  const open = await ctx.report.continue();
  if (open) return open;
  if (command.kind === 'cancel') return textReply('Nothing to cancel', "There's nothing to cancel right now.");
  if (command.kind === 'help') return cardReply(helpCard(undefined, ctx.place));
  return cardReply(didYouMeanCard(suggestions));
}

/**
 * A card press: a failure is shown inside the card that was pressed (read again, so it is
 * current), with the reason and the person's choice, instead of replacing it with a notice.
 * If the card cannot be read either, the sentence alone answers.
 */
export async function dispatchPress(ctx: HandlerContext, command: Command): Promise<Reply> {
  try {
    return await run(ctx, command);
  } catch (err) {
    const sentence = describeError(err, ctx.services.logger, { incidentNumber: incidentNumberOf(command) }, ctx.timeZone);
    const again = await cardAgain(ctx, command, sentence).catch(() => undefined);
    return withSignIn(again ?? textReply('Sorry', sentence, 'error'), err);
  }
}

async function cardAgain(ctx: HandlerContext, command: Command, sentence: string): Promise<Reply | undefined> {
  if (command.kind === 'confirmValue') return incidentCardError(ctx, command.incidentNumber, sentence);
  switch (command.kind) {
    case 'completeTask':
      return cardReply(tasksCard(await ctx.services.audit.getTasks(command.incidentNumber), { banner: sentence, offset: command.offset ?? 0, tone: 'attention', zone: ctx.timeZone }));
    case 'addTask':
      return cardReply(tasksCard(await ctx.services.audit.getTasks(command.incidentNumber), { banner: sentence, tone: 'attention', zone: ctx.timeZone }));
    case 'setSeverity':
      return incidentCardError(ctx, command.incidentNumber, sentence, { severity: command.severity });
    case 'setStatus':
      return incidentCardError(ctx, command.incidentNumber, sentence, { status: command.status });
    case 'assignToMe':
    case 'assignTo':
    case 'assignPicked':
      return incidentCardError(ctx, command.incidentNumber, sentence);
    case 'reopen':
      if (command.then === 'tasks') return cardReply(tasksCard(await ctx.services.audit.getTasks(command.incidentNumber), { banner: sentence, tone: 'attention', zone: ctx.timeZone }));
      return incidentCardError(ctx, command.incidentNumber, sentence);
    default:
      return undefined;
  }
}

export async function dispatch(ctx: HandlerContext, command: Command): Promise<Reply> {
  try {
    return await run(ctx, command);
  } catch (err) {
    return withSignIn(textReply('Sorry', describeError(err, ctx.services.logger, { incidentNumber: incidentNumberOf(command) }, ctx.timeZone), 'error'), err);
  }
}

/** A token that lapsed between the sign-in check and the call: the reply asks for the sign-in card. */
function withSignIn(reply: Reply, err: unknown): Reply {
  if (!isAzureError(err, 'SIGN_IN_REQUIRED')) return reply;
  return { ...reply, signIn: err.signInReason === 'consent' ? 'consent' : 'again' };
}
