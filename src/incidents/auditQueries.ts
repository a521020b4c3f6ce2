/**
 * The KQL the bot sends to the SecurityIncident audit table. Values enter only through
 * the literal helpers (an incident number is a checked integer before it is ever in a
 * query), and every query is bounded by the request's timespan.
 */
import { kqlInt } from '../sentinel/kqlLiterals';

/** The latest audit record of one incident: its current tasks, owner and status. */
export function latestRecordQuery(incidentNumber: number): string {
  return [
    'SecurityIncident',
    `| where IncidentNumber == ${kqlInt(incidentNumber)}`,
    '| summarize arg_max(TimeGenerated, *) by IncidentNumber',
    '| project IncidentNumber, IncidentName, Title, Severity, Status, Owner, Tasks, TimeGenerated',
  ].join('\n');
}
