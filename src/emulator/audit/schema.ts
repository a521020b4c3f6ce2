/**
 * The SecurityIncident table's columns: names, types and order exactly as the Azure Monitor
 * table reference lists them. Every audit record has all of them.
 */
import type { ColumnSchema } from '../kql/types';

export const SECURITY_INCIDENT_TABLE = 'SecurityIncident';

export const SECURITY_INCIDENT_COLUMNS: ReadonlyArray<ColumnSchema> = [
  { name: 'AdditionalData', type: 'dynamic' },
  { name: 'AlertIds', type: 'dynamic' },
  { name: '_BilledSize', type: 'real' },
  { name: 'BookmarkIds', type: 'dynamic' },
  { name: 'Classification', type: 'string' },
  { name: 'ClassificationComment', type: 'string' },
  { name: 'ClassificationReason', type: 'string' },
  { name: 'ClosedTime', type: 'datetime' },
  { name: 'Comments', type: 'dynamic' },
  { name: 'CreatedTime', type: 'datetime' },
  { name: 'Description', type: 'string' },
  { name: 'FirstActivityTime', type: 'datetime' },
  { name: 'FirstModifiedTime', type: 'datetime' },
  { name: 'IncidentName', type: 'string' },
  { name: 'IncidentNumber', type: 'int' },
  { name: 'IncidentUrl', type: 'string' },
  { name: '_IsBillable', type: 'string' },
  { name: 'Labels', type: 'dynamic' },
  { name: 'LastActivityTime', type: 'datetime' },
  { name: 'LastModifiedTime', type: 'datetime' },
  { name: 'ModifiedBy', type: 'string' },
  { name: 'Owner', type: 'dynamic' },
  { name: 'ProviderIncidentId', type: 'string' },
  { name: 'ProviderName', type: 'string' },
  { name: 'RelatedAnalyticRuleIds', type: 'dynamic' },
  { name: 'Severity', type: 'string' },
  { name: 'SourceSystem', type: 'string' },
  { name: 'Status', type: 'string' },
  { name: 'Tasks', type: 'dynamic' },
  { name: 'TenantId', type: 'string' },
  { name: 'TimeGenerated', type: 'datetime' },
  { name: 'Title', type: 'string' },
  { name: 'Type', type: 'string' },
];
