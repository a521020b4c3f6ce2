/**
 * In-memory tables for the KQL engine tests, and a SecurityIncident history shaped like
 * the real table: every change appends a row carrying the incident's full state.
 */
import { SECURITY_INCIDENT_COLUMNS as AUDIT_COLUMNS } from '../../../src/emulator/audit/schema';
import type { ColumnSchema, KqlCatalog, KqlTable, QueryOptions, ScanHint, StorageRow } from '../../../src/emulator/kql/types';

export interface MemoryTableOptions {
  indexedColumns?: string[];
  timeColumn?: string;
  /** When false the table ignores every hint and returns all rows (still legal per ScanHint). */
  honourHints?: boolean;
}

/** A table that records the hints it was given and how many rows it handed out. */
export class MemoryTable implements KqlTable {
  readonly indexedColumns: string[];
  readonly timeColumn?: string;
  readonly hints: ScanHint[] = [];
  rowsRead = 0;
  private readonly honourHints: boolean;
  private readonly indexes = new Map<string, Map<unknown, StorageRow[]>>();

  constructor(
    readonly name: string,
    readonly columns: ColumnSchema[],
    private readonly rows: StorageRow[],
    options: MemoryTableOptions = {},
  ) {
    this.indexedColumns = options.indexedColumns ?? [];
    this.timeColumn = options.timeColumn;
    this.honourHints = options.honourHints ?? true;
    for (const col of this.indexedColumns) {
      const index = new Map<unknown, StorageRow[]>();
      for (const row of rows) {
        const list = index.get(row[col]) ?? [];
        list.push(row);
        index.set(row[col], list);
      }
      this.indexes.set(col, index);
    }
  }

  *scan(hint: ScanHint): Iterable<StorageRow> {
    this.hints.push(hint);
    let candidates: StorageRow[] = this.rows;
    if (this.honourHints && hint.equals && hint.equals.length > 0) {
      const first = hint.equals[0];
      const index = this.indexes.get(first.column);
      if (index) candidates = first.values.flatMap((v) => index.get(v) ?? []);
    }
    if (this.honourHints && hint.latestBy) candidates = this.latest(candidates, hint);
    for (const row of candidates) {
      this.rowsRead++;
      yield row;
    }
  }

  /** `latestBy` as ScanHint defines it: the time range first, then every row tied at each key's maximum. */
  private latest(rows: StorageRow[], hint: ScanHint): StorageRow[] {
    const { keyColumn, orderColumn } = hint.latestBy!;
    const from = hint.timeRange?.fromMs ?? -Infinity;
    const to = hint.timeRange?.toMs ?? Infinity;
    const timeOf = (r: StorageRow): number => (typeof r[orderColumn] === 'number' ? (r[orderColumn] as number) : Date.parse(String(r[orderColumn])));
    const inRange = rows.filter((r) => {
      if (this.timeColumn === undefined) return true;
      const t = Date.parse(String(r[this.timeColumn]));
      return t >= from && t <= to;
    });
    const best = new Map<unknown, number>();
    for (const r of inRange) best.set(r[keyColumn], Math.max(best.get(r[keyColumn]) ?? -Infinity, timeOf(r)));
    return inRange.filter((r) => timeOf(r) === best.get(r[keyColumn]));
  }
}

export function catalogOf(...tables: KqlTable[]): KqlCatalog {
  const byName = new Map(tables.map((t) => [t.name, t]));
  return { getTable: (name) => byName.get(name) };
}

export const NOW = new Date('2026-11-21T00:00:00Z');
export const defaultOptions: QueryOptions = { now: NOW };

// The emulator's own column list, itself checked against the contract schema by the audit tests.
export const SECURITY_INCIDENT_COLUMNS: ColumnSchema[] = [...AUDIT_COLUMNS];

export const ALICE = {
  objectId: '3f8d2a8c-6f1e-4a52-9b7e-1c2d3e4f5a6b',
  email: 'alice@contoso.com',
  name: 'Alice Smith',
  userPrincipalName: 'alice@contoso.com',
};
export const BOB = {
  objectId: '9a1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d',
  email: 'bob@contoso.com',
  name: 'Bob Jones',
  userPrincipalName: 'bob@contoso.com',
};

type Person = typeof ALICE;

function owner(p: Person | null): Record<string, unknown> {
  if (p === null) return { objectId: null, email: null, assignedTo: null, userPrincipalName: null, ownerType: null };
  return { objectId: p.objectId, email: p.email, assignedTo: p.name, userPrincipalName: p.userPrincipalName, ownerType: 'User' };
}

function who(p: Person): Record<string, unknown> {
  return { email: p.email, name: p.name, objectId: p.objectId, userPrincipalName: p.userPrincipalName };
}

export interface TaskState {
  taskId: string;
  title: string;
  status: 'New' | 'Completed' | 'Deleted';
  createdTimeUtc: string;
  lastModifiedTimeUtc: string;
  createdBy: Person;
  lastModifiedBy: Person;
  lastCompletedTimeUtc?: string;
}

function task(t: TaskState): Record<string, unknown> {
  return {
    createdBy: who(t.createdBy),
    createdTimeUtc: t.createdTimeUtc,
    lastCompletedTimeUtc: t.lastCompletedTimeUtc ?? null,
    lastModifiedBy: who(t.lastModifiedBy),
    lastModifiedTimeUtc: t.lastModifiedTimeUtc,
    status: t.status,
    taskId: t.taskId,
    title: t.title,
  };
}

interface IncidentState {
  number: number;
  name: string;
  title: string;
  severity: string;
  status: 'New' | 'Active' | 'Closed';
  created: string;
  owner: Person | null;
  tasks: TaskState[];
  modifiedBy: string;
  at: string;
  classification?: string;
}

const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';

export function incidentRow(s: IncidentState): StorageRow {
  return {
    AdditionalData: { alertsCount: 1, bookmarksCount: 0, commentsCount: 0, alertProductNames: ['Azure Active Directory Identity Protection'], tactics: ['InitialAccess'] },
    AlertIds: ['b1c2d3e4-0000-4000-8000-00000000' + String(s.number).slice(-4)],
    _BilledSize: 2048.5,
    BookmarkIds: [],
    Classification: s.classification ?? '',
    ClassificationComment: '',
    ClassificationReason: '',
    ClosedTime: s.status === 'Closed' ? s.at : null,
    Comments: [],
    CreatedTime: s.created,
    Description: `Description of ${s.title}`,
    FirstActivityTime: s.created,
    FirstModifiedTime: s.created,
    IncidentName: s.name,
    IncidentNumber: s.number,
    IncidentUrl: `https://portal.azure.com/#asset/Microsoft_Azure_Security_Insights/Incident/${s.name}`,
    _IsBillable: 'True',
    Labels: [{ labelName: 'Demo', labelType: 'User' }],
    LastActivityTime: s.created,
    LastModifiedTime: s.at,
    ModifiedBy: s.modifiedBy,
    Owner: owner(s.owner),
    ProviderIncidentId: String(s.number),
    ProviderName: 'Azure Sentinel',
    RelatedAnalyticRuleIds: [],
    Severity: s.severity,
    SourceSystem: 'Azure',
    Status: s.status,
    Tasks: s.tasks.map(task),
    TenantId: TENANT,
    TimeGenerated: s.at,
    Title: s.title,
    Type: 'SecurityIncident',
  };
}

export const INCIDENT_405211 = '5f1a7c2e-1111-4c3d-9e8f-405211405211';
export const INCIDENT_405300 = '5f1a7c2e-2222-4c3d-9e8f-405300405300';

/** The history every test reads. Times are in ascending order per incident. */
export function incidentHistory(): StorageRow[] {
  const base405211 = { number: 405211, name: INCIDENT_405211, title: 'Suspicious sign-in activity', severity: 'High', created: '2026-11-20T09:00:00Z' };
  const t1: TaskState = { taskId: 't-0001', title: "Reset the user's password", status: 'New', createdTimeUtc: '2026-11-20T09:15:00Z', lastModifiedTimeUtc: '2026-11-20T09:15:00Z', createdBy: ALICE, lastModifiedBy: ALICE };
  const t2: TaskState = { taskId: 't-0002', title: 'Review sign-in logs', status: 'New', createdTimeUtc: '2026-11-20T09:15:00Z', lastModifiedTimeUtc: '2026-11-20T09:15:00Z', createdBy: ALICE, lastModifiedBy: ALICE };
  const t3: TaskState = { taskId: 't-0003', title: 'This task is a test task!', status: 'New', createdTimeUtc: '2026-11-20T09:30:00.250Z', lastModifiedTimeUtc: '2026-11-20T09:30:00.250Z', createdBy: BOB, lastModifiedBy: BOB };
  const t3Completed: TaskState = { ...t3, status: 'Completed', lastModifiedTimeUtc: '2026-11-20T09:45:00Z', lastCompletedTimeUtc: '2026-11-20T09:45:00Z', lastModifiedBy: ALICE };
  const t3Deleted: TaskState = { ...t3Completed, status: 'Deleted', lastModifiedTimeUtc: '2026-11-20T10:00:00Z' };
  const t1Completed: TaskState = { ...t1, status: 'Completed', lastModifiedTimeUtc: '2026-11-20T10:15:00Z', lastCompletedTimeUtc: '2026-11-20T10:15:00Z' };

  const base405300 = { number: 405300, name: INCIDENT_405300, title: 'Malware detected on host', severity: 'Medium', created: '2026-11-19T08:00:00Z' };
  const t4: TaskState = { taskId: 't-0004', title: 'Isolate the host', status: 'New', createdTimeUtc: '2026-11-19T08:30:00Z', lastModifiedTimeUtc: '2026-11-19T08:30:00Z', createdBy: BOB, lastModifiedBy: BOB };
  const t5: TaskState = { taskId: 't-0005', title: 'Collect forensic package', status: 'New', createdTimeUtc: '2026-11-19T08:30:00Z', lastModifiedTimeUtc: '2026-11-19T08:30:00Z', createdBy: BOB, lastModifiedBy: BOB };
  const t5Completed: TaskState = { ...t5, status: 'Completed', lastModifiedTimeUtc: '2026-11-20T11:50:00Z', lastCompletedTimeUtc: '2026-11-20T11:50:00Z' };

  return [
    incidentRow({ ...base405300, status: 'New', owner: null, tasks: [], modifiedBy: 'Microsoft Sentinel', at: '2026-11-19T08:00:00Z' }),
    incidentRow({ ...base405300, status: 'Active', owner: BOB, tasks: [t4, t5], modifiedBy: 'Bob Jones', at: '2026-11-19T08:30:00Z' }),
    incidentRow({ ...base405211, status: 'New', owner: null, tasks: [], modifiedBy: 'Microsoft Sentinel', at: '2026-11-20T09:00:00Z' }),
    incidentRow({ ...base405211, status: 'Active', owner: ALICE, tasks: [t1, t2], modifiedBy: 'Alice Smith', at: '2026-11-20T09:15:00Z' }),
    incidentRow({ ...base405211, status: 'Active', owner: ALICE, tasks: [t1, t2, t3], modifiedBy: 'Bob Jones', at: '2026-11-20T09:30:00.250Z' }),
    incidentRow({ ...base405211, status: 'Active', owner: ALICE, tasks: [t1, t2, t3Completed], modifiedBy: 'Alice Smith', at: '2026-11-20T09:45:00Z' }),
    incidentRow({ ...base405211, status: 'Active', owner: ALICE, tasks: [t1, t2, t3Deleted], modifiedBy: 'Alice Smith', at: '2026-11-20T10:00:00Z' }),
    incidentRow({ ...base405211, status: 'Active', owner: ALICE, tasks: [t1Completed, t2], modifiedBy: 'Alice Smith', at: '2026-11-20T10:15:00Z' }),
    incidentRow({ ...base405300, status: 'Closed', owner: BOB, tasks: [t4, t5Completed], modifiedBy: 'Bob Jones', at: '2026-11-20T12:00:00Z', classification: 'TruePositive' }),
    incidentRow({ number: 405400, name: '5f1a7c2e-3333-4c3d-9e8f-405400405400', title: 'Unusual mailbox rule', severity: 'Low', created: '2026-11-20T13:00:00Z', status: 'New', owner: ALICE, tasks: [], modifiedBy: 'Microsoft Sentinel', at: '2026-11-20T13:00:00Z' }),
    incidentRow({ number: 405500, name: '5f1a7c2e-4444-4c3d-9e8f-405500405500', title: 'Impossible travel', severity: 'Medium', created: '2026-11-20T14:00:00Z', status: 'Active', owner: BOB, tasks: [], modifiedBy: 'Bob Jones', at: '2026-11-20T14:00:00Z' }),
  ];
}

export function securityIncidentTable(options: MemoryTableOptions = {}): MemoryTable {
  return new MemoryTable('SecurityIncident', SECURITY_INCIDENT_COLUMNS, incidentHistory(), {
    indexedColumns: ['IncidentNumber'],
    timeColumn: 'TimeGenerated',
    ...options,
  });
}

/** A small table with every scalar type, for operator and function tests. */
export function sampleTable(): MemoryTable {
  const columns: ColumnSchema[] = [
    { name: 'Id', type: 'int' },
    { name: 'Name', type: 'string' },
    { name: 'Score', type: 'real' },
    { name: 'Big', type: 'long' },
    { name: 'Flag', type: 'bool' },
    { name: 'When', type: 'datetime' },
    { name: 'Bag', type: 'dynamic' },
  ];
  const rows: StorageRow[] = [
    { Id: 1, Name: 'Alpha', Score: 1.5, Big: 10, Flag: true, When: '2026-11-20T09:00:00.000Z', Bag: { k: 'a', n: 1, list: [1, 2] } },
    { Id: 2, Name: 'beta', Score: null, Big: 20, Flag: false, When: '2026-11-20T10:00:00.000Z', Bag: { k: 'b', n: 2, list: [] } },
    { Id: 3, Name: 'Gamma ray', Score: 3.25, Big: null, Flag: null, When: null, Bag: null },
    { Id: 4, Name: '', Score: -2, Big: 40, Flag: true, When: '2026-11-19T23:59:59.500Z', Bag: { k: 'a', extra: true } },
  ];
  return new MemoryTable('Sample', columns, rows, { timeColumn: 'When' });
}
