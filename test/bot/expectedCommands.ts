/**
 * The commands the phrasing corpora expect, built once: each row names what the person meant
 * for incident 405211 in a word ("tasks", "sev('High')"), so the rows read as the people typed them.
 */
import type { Command, Mention, NumberedCommand } from '../../src/bot/command';

type Severity = 'High' | 'Medium' | 'Low' | 'Informational';

export const N = 405211;
export const tasks: Command = { kind: 'showTasks', incidentNumber: N };
export const show: Command = { kind: 'showIncident', incidentNumber: N };
export const assign: Command = { kind: 'assignToMe', incidentNumber: N };
export const unassign: Command = { kind: 'unassign', incidentNumber: N };
export const close: Command = { kind: 'close', incidentNumber: N };
export const history: Command = { kind: 'taskHistory', incidentNumber: N };
export const mine: Command = { kind: 'myIncidents' };
export const looseEnds: Command = { kind: 'looseEnds' };
export const help: Command = { kind: 'help' };
export const sev = (severity: Severity): Command => ({ kind: 'setSeverity', incidentNumber: N, severity });
export const status = (value: 'New' | 'Active'): Command => ({ kind: 'setStatus', incidentNumber: N, status: value });
/** A value Sentinel lacks, mapped and waiting for the person's confirmation. */
export const mappedSeverity = (typed: string, value: Severity): Command => ({ kind: 'confirmValue', incidentNumber: N, change: { field: 'severity', value }, typed });
export const mappedStatus = (typed: string, value: 'Active' | 'Closed'): Command => ({ kind: 'confirmValue', incidentNumber: N, change: { field: 'status', value }, typed });
export const comment = (text: string): Command => ({ kind: 'comment', incidentNumber: N, text });
export const addTask = (title: string): Command => ({ kind: 'addTask', incidentNumber: N, title });
export const complete = (index: number): Command => ({ kind: 'completeTask', incidentNumber: N, task: { index } });
export const completeTitled = (title: string): Command => ({ kind: 'completeTask', incidentNumber: N, task: { title } });
export const toName = (name: string): Command => ({ kind: 'assignTo', incidentNumber: N, assignee: { name } });
export const report = (title?: string): Command => (title === undefined ? { kind: 'report' } : { kind: 'report', title });
export const ask = (command: NumberedCommand, example: string, ...read: string[]): Command => ({ kind: 'needsIncidentNumber', command, example, read });

export const BOT = '<at>Sentinel Incidents</at>';
export const ADA: Mention = { text: '<at>Ada</at>', name: 'Ada Lovelace', objectId: '8e1c9d44-6a0f-4f4b-b3b5-0a5f1e2d7c90' };
