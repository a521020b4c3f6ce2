/** Verb `report.start`: the help card's "Report suspicious activity" button. */
import { startReport } from './reportFlow';
import type { VerbHandler } from './verbContext';

export const handleReportStart: VerbHandler = async ({ turn, services }) => startReport(turn, services);
