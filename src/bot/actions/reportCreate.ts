/** Verb `report.create`: the review card's Create button. */
import { answerLateCreate, continueReport } from './reportFlow';
import type { VerbHandler } from './verbContext';

export const handleReportCreate: VerbHandler = async ({ turn, data, services }) =>
  continueReport(turn, services, () => answerLateCreate(turn, services, data));
