/** Every Action.Execute verb the bot's cards use, and its one handler. */
import { handleAssignToMe } from './assignToMe';
import { handleReportCreate } from './reportCreate';
import { handleReportStep } from './reportFlow';
import { handleReportStart } from './reportStart';
import { handleShowHelp } from './showHelp';
import { handleShowIncident } from './showIncident';
import { handleShowTasks } from './showTasks';
import type { VerbHandler } from './verbContext';

export const VERB_HANDLERS: Readonly<Record<string, VerbHandler>> = {
  'help.show': handleShowHelp,
  'report.start': handleReportStart,
  'report.submit': handleReportStep,
  'report.create': handleReportCreate,
  'report.edit': handleReportStep,
  'report.cancel': handleReportStep,
  'tasks.show': handleShowTasks,
  'incident.show': handleShowIncident,
  'incident.assignToMe': handleAssignToMe,
};
