/** Sentinel's enum values as a person reads them; the one place cards turn codes into words. */
import type { Classification, ClassificationReason, Severity, Status, TaskStatus } from '../../incidents/types';

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

const SEVERITY: Record<Severity, string> = { High: 'High', Medium: 'Medium', Low: 'Low', Informational: 'Informational' };
const STATUS: Record<Status, string> = { New: 'New', Active: 'Active', Closed: 'Closed' };
/** Sentinel calls a task not yet done "New"; on a task list that reads as "just added". */
const TASK_STATUS: Record<TaskStatus, string> = { New: 'Open', Completed: 'Completed' };
const PROVIDER: Record<string, string> = {
  'Azure Sentinel': 'Microsoft Sentinel',
  'Microsoft Sentinel': 'Microsoft Sentinel',
  'Microsoft 365 Defender': 'Microsoft Defender XDR',
  'Microsoft XDR': 'Microsoft Defender XDR',
};

export function severityName(code: string): string {
  return (SEVERITY as Record<string, string>)[code] ?? code;
}

export function statusName(code: string): string {
  return (STATUS as Record<string, string>)[code] ?? code;
}

export function taskStatusName(code: string): string {
  return (TASK_STATUS as Record<string, string>)[code] ?? code;
}

export function providerName(code: string): string {
  return PROVIDER[code] ?? code;
}

/** A MITRE ATT&CK tactic as Sentinel sends it ("CommandAndControl") in words: "Command and control". */
export function tacticName(code: string): string {
  const words = code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
