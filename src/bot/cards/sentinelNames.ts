/** Sentinel's enum values as a person reads them; the one place cards turn codes into words. */
import type { Classification, ClassificationReason } from '../../incidents/types';

const CLASSIFICATION: Record<Classification, string> = {
  TruePositive: 'True positive',
  BenignPositive: 'Benign positive',
  FalsePositive: 'False positive',
  Undetermined: 'Undetermined',
};

const REASON: Record<ClassificationReason, string> = {
  SuspiciousActivity: 'suspicious activity',
  SuspiciousButExpected: 'suspicious but expected',
  IncorrectAlertLogic: 'incorrect alert logic',
  InaccurateData: 'inaccurate data',
};

/** Unknown codes (a newer Sentinel) are shown as sent rather than hidden. */
export function classificationName(code: string): string {
  return (CLASSIFICATION as Record<string, string>)[code] ?? code;
}

export function reasonName(code: string): string {
  return (REASON as Record<string, string>)[code] ?? code;
}

/** "Benign positive: suspicious but expected". */
export function classificationText(classification: string, reason?: string): string {
  const name = classificationName(classification);
  return reason ? `${name}: ${reasonName(reason)}` : name;
}
