/**
 * The demo workspace a newcomer meets: incident 405211 with the task history of the
 * "Audit and track changes to incident tasks" walkthrough, and four others with varied
 * severity, status, owners and tags, one of them Closed with a task still open. Times are
 * relative to the moment of seeding; every change is attributed to a demo user.
 */
import { ADA, ALEX, GRACE, type DemoUser } from '../../demo/identities';
import type { Actor, IncidentFields, Label, OwnerInfo } from '../model';
import type { ChangeOptions, WorkspaceStore } from '../store/workspaceStore';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

export const DEMO_INCIDENT_NUMBER = 405211;
export const DEMO_INCIDENT_NAME = '0d1e2f3a-4b5c-4d6e-8f7a-405211405211';
export const TEST_TASK_TITLE = 'This task is a test task!';

const actor = (u: DemoUser): Actor => ({ name: u.name, objectId: u.objectId, userPrincipalName: u.userPrincipalName, email: u.email });
const owner = (u: DemoUser): OwnerInfo => ({ objectId: u.objectId, email: u.email, assignedTo: u.name, userPrincipalName: u.userPrincipalName, ownerType: 'User' });
const labels = (...names: string[]): Label[] => names.map((labelName) => ({ labelName, labelType: 'User' }));

interface SeedTask {
  name: string;
  title: string;
  completed: boolean;
}

/** An incident told as people would have worked it: created New, taken, tasks added and done, maybe closed. */
interface SeedIncident {
  name: string;
  createdDaysAgo: number;
  by: DemoUser;
  fields: IncidentFields;
  tasks: SeedTask[];
}

const OTHERS: SeedIncident[] = [
  {
    name: '3c8f1a52-7d4e-4b19-9a06-5e2f7c1d8b34',
    createdDaysAgo: 10,
    by: GRACE,
    fields: {
      title: 'Impossible travel: sign-ins from Lisbon and Singapore within 40 minutes',
      description: 'Two successful sign-ins for grace.hopper@contoso.com from locations 11,000 km apart, 40 minutes from each other.',
      severity: 'Medium',
      status: 'Closed',
      classification: 'TruePositive',
      classificationReason: 'SuspiciousActivity',
      classificationComment: 'Confirmed account compromise; password reset.',
      owner: owner(GRACE),
      labels: labels('identity'),
    },
    tasks: [
      { name: 'a1f0c3d2-0b1e-4c5d-8e9f-101112131415', title: 'Confirm the travel with the user', completed: true },
      { name: 'b2e1d4c3-1c2f-4d6e-9f0a-161718192021', title: 'Block legacy authentication for the account', completed: false },
    ],
  },
  {
    name: '6a4d2e81-5b3c-4f7a-8e19-0d2c4b6a8e10',
    createdDaysAgo: 8,
    by: ALEX,
    fields: {
      title: 'Malware detected on LAPTOP-7F3K',
      description: 'Defender for Endpoint quarantined a trojan in the Downloads folder of LAPTOP-7F3K.',
      severity: 'High',
      status: 'New',
      labels: labels('malware', 'endpoint'),
    },
    tasks: [],
  },
  {
    name: '8b5e3f92-6c4d-4a8b-9f2a-1e3d5c7b9f21',
    createdDaysAgo: 6,
    by: ALEX,
    fields: {
      title: 'Mass download from SharePoint by a departing employee',
      description: '4,300 files downloaded from the Finance site in 20 minutes, two days before the last working day.',
      severity: 'Medium',
      status: 'Active',
      owner: owner(ALEX),
      labels: labels('insider-risk'),
    },
    tasks: [{ name: 'c3f2e5d4-2d3a-4e7f-8a1b-222324252627', title: 'Preserve the audit log of the downloads', completed: false }],
  },
  {
    name: '9c6f4a03-7d5e-4b9c-8a3b-2f4e6d8c0a32',
    createdDaysAgo: 4,
    by: ADA,
    fields: {
      title: 'User reported a phishing email from a lookalike domain',
      description: 'An email from contoso-payroll.co asked for a password "to confirm the December payslip".',
      severity: 'Low',
      status: 'Closed',
      classification: 'BenignPositive',
      classificationReason: 'SuspiciousButExpected',
      classificationComment: 'Marketing campaign from a vendor.',
      owner: owner(ADA),
      labels: labels('phishing'),
    },
    tasks: [{ name: 'd4a3f6e5-3e4b-4f8a-9b2c-282930313233', title: "Check the sender domain's age", completed: true }],
  },
];

function seedIncident(store: WorkspaceStore, s: SeedIncident, nowMs: number): void {
  let t = nowMs - s.createdDaysAgo * DAY;
  const step = (hours: number): ChangeOptions => ({ actor: actor(s.by), at: new Date((t += hours * HOUR)), sync: false });
  const open: IncidentFields = { ...s.fields, status: 'New', owner: undefined, classification: undefined, classificationReason: undefined, classificationComment: undefined };
  store.putIncident(s.name, open, step(0));
  const working: IncidentFields = { ...open, owner: s.fields.owner, status: s.fields.status === 'New' ? 'New' : 'Active' };
  if (working.owner || working.status !== 'New') store.putIncident(s.name, working, step(1));
  for (const task of s.tasks) store.putTask(s.name, task.name, { title: task.title, status: 'New' }, step(1));
  for (const task of s.tasks.filter((x) => x.completed)) store.putTask(s.name, task.name, { title: task.title, status: 'Completed' }, step(3));
  if (s.fields.status === 'Closed') store.putIncident(s.name, s.fields, step(2));
}

/** The walkthrough of incident 405211 over two days: each step one change, so one audit record. */
function seedWalkthrough(store: WorkspaceStore, nowMs: number): void {
  const start = nowMs - 2 * DAY;
  const by = (u: DemoUser, hoursAfterCreation: number): ChangeOptions => ({ actor: actor(u), at: new Date(start + hoursAfterCreation * HOUR), sync: false });
  const revoke = { name: 'e5b4a7f6-4f5c-4a9b-8c3d-343536373839', title: "Revoke the user's sessions and reset the password" };
  const rule = { name: 'f6c5b8a7-5a6d-4b0c-9d4e-404142434445', title: 'Remove the forwarding rule and check for other rules' };
  const test = { name: '07d6c9b8-6b7e-4c1d-8e5f-464748495051', title: TEST_TASK_TITLE };
  const created: IncidentFields = {
    title: 'Suspicious inbox rule after sign-in from an unfamiliar location',
    description: 'An inbox rule forwarding all mail to an external address was created minutes after a sign-in from an unfamiliar location.',
    severity: 'High',
    status: 'New',
    labels: labels('phishing', 'identity'),
  };
  store.putIncident(DEMO_INCIDENT_NAME, created, by(GRACE, 0));
  store.putIncident(DEMO_INCIDENT_NAME, { ...created, status: 'Active', owner: owner(ADA) }, by(ADA, 1));
  store.putTask(DEMO_INCIDENT_NAME, revoke.name, { title: revoke.title, status: 'New' }, by(ADA, 2));
  store.putTask(DEMO_INCIDENT_NAME, rule.name, { title: rule.title, status: 'New' }, by(ADA, 2.5));
  store.putTask(DEMO_INCIDENT_NAME, revoke.name, { title: revoke.title, status: 'Completed' }, by(ADA, 6));
  store.putTask(DEMO_INCIDENT_NAME, test.name, { title: test.title, status: 'New' }, by(GRACE, 22));
  store.putTask(DEMO_INCIDENT_NAME, test.name, { title: test.title, status: 'Completed' }, by(GRACE, 23));
  store.deleteTask(DEMO_INCIDENT_NAME, test.name, by(GRACE, 24));
  store.putComment(DEMO_INCIDENT_NAME, '18e7d0c9-7c8f-4d2e-9f6a-525354555657', 'Forwarding rule exported for evidence.', by(ADA, 40));
}

/** Seeds an empty store; the next incident created afterwards is number 405212. */
export function seedDemoWorkspace(store: WorkspaceStore, now: Date): void {
  // A workspace that has seen many incidents: numbering continues so that the
  // walkthrough incident, created last, is 405211.
  store.setLastIncidentNumber(DEMO_INCIDENT_NUMBER - OTHERS.length - 1, { sync: false });
  for (const s of OTHERS) seedIncident(store, s, now.getTime());
  seedWalkthrough(store, now.getTime());
  // Written in one go: a few dozen changes need not wait for a disk flush each.
  store.flush();
}
