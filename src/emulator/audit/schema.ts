/**
 * The SecurityIncident table's columns in Log Analytics' order (the order `getschema` and
 * `SecurityIncident | take 1` give): names and types as the Azure Monitor table reference
 * lists them (alphabetically, test/fixtures/contracts/SecurityIncident.schema.json), order as
 * the Microsoft Sentinel repository's KQL validation schema for the table has it
 * (test/fixtures/contracts/SOURCES.md). `Tasks`, newer than that schema, comes after
 * `SourceSystem`, before `Type`; the billing columns `_BilledSize` and `_IsBillable` last.
 * Every audit record has all of them.
 */
import type { ColumnSchema } from '../kql/types';

export const SECURITY_INCIDENT_TABLE = 'SecurityIncident';

export const SECURITY_INCIDENT_COLUMNS: ReadonlyArray<ColumnSchema> = [
  { name: 'TenantId', type: 'string' },
  { name: 'TimeGenerated', type: 'datetime' },
  { name: 'IncidentName', type: 'string' },
  { name: 'Title', type: 'string' },
  { name: 'Description', type: 'string' },
  { name: 'Severity', type: 'string' },
  { name: 'Status', type: 'string' },
  { name: 'Classification', type: 'string' },
  { name: 'ClassificationComment', type: 'string' },
  { name: 'ClassificationReason', type: 'string' },
  { name: 'Owner', type: 'dynamic' },
  { name: 'ProviderName', type: 'string' },
  { name: 'ProviderIncidentId', type: 'string' },
  { name: 'FirstActivityTime', type: 'datetime' },
  { name: 'LastActivityTime', type: 'datetime' },
  { name: 'FirstModifiedTime', type: 'datetime' },
  { name: 'LastModifiedTime', type: 'datetime' },
  { name: 'CreatedTime', type: 'datetime' },
  { name: 'ClosedTime', type: 'datetime' },
  { name: 'IncidentNumber', type: 'int' },
  { name: 'RelatedAnalyticRuleIds', type: 'dynamic' },
  { name: 'AlertIds', type: 'dynamic' },
  { name: 'BookmarkIds', type: 'dynamic' },
  { name: 'Comments', type: 'dynamic' },
  { name: 'Labels', type: 'dynamic' },
  { name: 'IncidentUrl', type: 'string' },
  { name: 'AdditionalData', type: 'dynamic' },
  { name: 'ModifiedBy', type: 'string' },
  { name: 'SourceSystem', type: 'string' },
  { name: 'Tasks', type: 'dynamic' },
  { name: 'Type', type: 'string' },
  { name: '_BilledSize', type: 'real' },
  { name: '_IsBillable', type: 'string' },
];
