/** Every Action.Execute verb the bot's cards use, and its one handler. */
import { handleAssignToMe } from './assignToMe';
import { handleSetSeverity, handleSetStatus } from './changeIncident';
import { handleClose, handleCloseForm } from './closeIncident';
import { handleLooseEnds } from './looseEnds';
import { handleMyIncidents } from './myIncidents';
import { handleReportCreate } from './reportCreate';
import { handleReportStep } from './reportFlow';
import { handleRefreshIncident } from './refreshIncident';
import { handleReportStart } from './reportStart';
import { handleShowHelp } from './showHelp';
import { handleShowIncident } from './showIncident';
import { handleShowTasks } from './showTasks';
import { handleAddTask, handleCompleteTask, handleTaskHistory } from './taskActions';
import type { VerbHandler } from './verbContext';

export const VERB_HANDLERS: Readonly<Record<string, VerbHandler>> = {
  'help.show': handleShowHelp,
  'report.start': handleReportStart,
  'report.submit': handleReportStep,
  'report.create': handleReportCreate,
  'report.edit': handleReportStep,
  'report.cancel': handleReportStep,
  'incident.show': handleShowIncident,
  'incident.refresh': handleRefreshIncident,
  'incident.assignToMe': handleAssignToMe,
  'incident.setSeverity': handleSetSeverity,
  'incident.setStatus': handleSetStatus,
  'incident.closeForm': handleCloseForm,
  'incident.close': handleClose,
  'incidents.mine': handleMyIncidents,
  'incidents.looseEnds': handleLooseEnds,
  'tasks.show': handleShowTasks,
  'tasks.history': handleTaskHistory,
  'task.complete': handleCompleteTask,
  'task.add': handleAddTask,
};
