/**
 * The demo workspace a newcomer meets: incident 405211 with the task history of the
 * "Audit and track changes to incident tasks" walkthrough, and a few others with varied
 * severity, status, owners and tags, including a Closed incident that still has an open task.
 * Times are relative to the moment of seeding; changes are attributed to the demo users.
 */
import { ADA, ALEX, GRACE, type DemoUser } from '../../demo/identities';
import type { Actor } from '../model';
import type { WorkspaceStore, WritableIncident } from '../store/workspaceStore';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

export const DEMO_INCIDENT_NUMBER = 405211;
export const TEST_TASK_TITLE = 'This task is a test task!';

const actor = (u: DemoUser): Actor => ({ name: u.name, objectId: u.objectId, userPrincipalName: u.userPrincipalName, email: u.email });
const owner = (u: DemoUser): WritableIncident['owner'] => ({ objectId: u.objectId, assignedTo: u.name, userPrincipalName: u.userPrincipalName, email: u.email, ownerType: 'User' });
const labels = (...names: string[]): WritableIncident['labels'] => names.map((labelName) => ({ labelName, labelType: 'User' as const }));
const AUTOMATION: Actor = { name: 'Automation rule: SOC intake' };

interface SeedIncident {
  name: string;
  createdDaysAgo: number;
  props: WritableIncident;
  createdBy: Actor;
  tasks: Array<{ name: string; title: string; by: DemoUser; completed: boolean }>;
}

const OTHERS: SeedIncident[] = [
  {
    name: '3c8f1a52-7d4e-4b19-9a06-5e2f7c1d8b34',
    createdDaysAgo: 10,
    createdBy: actor(GRACE),
    props: {
      title: 'Impossible travel: sign-ins from Lisbon and Singapore within 40 minutes',
      description: 'Two successful sign-ins for grace.hopper@contoso.com from countries 11,000 km apart.',
      severity: 'Medium',
      status: 'Closed',
      classification: 'TruePositive',
      classificationReason: 'SuspiciousActivity',
      classificationComment: 'Confirmed account compromise; password reset.',
      owner: owner(GRACE),
      labels: labels('identity'),
    },
    tasks: [
      { name: 'a1f0c3d2-0b1e-4c5d-8e9f-101112131415', title: 'Confirm the travel with the user', by: GRACE, completed: true },
      { name: 'b2e1d4c3-1c2f-4d6e-9f0a-161718192021', title: 'Block legacy authentication for the account', by: GRACE, completed: false },
    ],
  },
  {
    name: '6a4d2e81-5b3c-4f7a-8e19-0d2c4b6a8e10',
    createdDaysAgo: 8,
    createdBy: AUTOMATION,
    props: { title: 'Malware detected on LAPTOP-7F3K', description: 'Defender quarantined a trojan in the Downloads folder.', severity: 'High', status: 'New', labels: labels('malware', 'endpoint') },
    tasks: [],
  },
  {
    name: '8b5e3f92-6c4d-4a8b-9f2a-1e3d5c7b9f21',
    createdDaysAgo: 6,
    createdBy: actor(ALEX),
    props: {
      title: 'Mass download from SharePoint by a departing employee',
      description: '4,300 files downloaded from the Finance site in 20 minutes, two days before the last working day.',
      severity: 'Medium',
      status: 'Active',
      owner: owner(ALEX),
      labels: labels('insider-risk'),
    },
    tasks: [{ name: 'c3f2e5d4-2d3a-4e7f-8a1b-222324252627', title: 'Preserve the audit log of the downloads', by: ALEX, completed: false }],
  },
  {
    name: '9c6f4a03-7d5e-4b9c-8a3b-2f4e6d8c0a32',
    createdDaysAgo: 4,
    createdBy: actor(ADA),
    props: {
      title: 'User reported a phishing email from a lookalike domain',
      description: 'contoso-payroll.co asked for a password "to confirm the December payslip".',
      severity: 'Low',
      status: 'Closed',
      classification: 'BenignPositive',
      classificationReason: 'SuspiciousButExpected',
      classificationComment: 'Marketing campaign from a vendor.',
      owner: owner(ADA),
      labels: labels('phishing'),
    },
    tasks: [{ name: 'd4a3f6e5-3e4b-4f8a-9b2c-282930313233', title: "Check the sender domain's age", by: ADA, completed: true }],
  },
];

const DEMO = {
  name: '0d1e2f3a-4b5c-4d6e-8f7a-405211405211',
  props: {
    title: 'Suspicious inbox rule after sign-in from an unfamiliar location',
    description: 'An inbox rule forwarding all mail to an external address was created minutes after a sign-in from an unfamiliar location.',
    severity: 'High',
    labels: labels('phishing', 'identity'),
  } satisfies Partial<WritableIncident>,
  tasks: {
    revoke: { name: 'e5b4a7f6-4f5c-4a9b-8c3d-343536373839', title: "Revoke the user's sessions and reset the password" },
    rule: { name: 'f6c5b8a7-5a6d-4b0c-9d4e-404142434445', title: 'Remove the forwarding rule and check for other rules' },
    test: { name: '07d6c9b8-6b7e-4c1d-8e5f-464748495051', title: TEST_TASK_TITLE },
  },
};

function seedOther(store: WorkspaceStore, s: SeedIncident, now: number): void {
  let t = now - s.createdDaysAgo * DAY;
  const at = (): Date => new Date((t += HOUR));
  const { status } = s.props;
  // Created New, then brought to its current state, as people would.
  store.putIncident(s.name, { ...s.props, status: 'New', classification: undefined, classificationReason: undefined, classificationComment: undefined, owner: undefined }, { actor: s.createdBy, at: at() });
  if (s.props.owner || status !== 'New') store.putIncident(s.name, { ...s.props, status: status === 'Closed' ? 'Active' : status, classification: undefined, classificationReason: undefined, classificationComment: undefined }, { actor: s.createdBy, at: at() });
  for (const task of s.tasks) store.putTask(s.name, task.name, { title: task.title, status: 'New' }, { actor: actor(task.by), at: at() });
  for (const task of s.tasks.filter((x) => x.completed)) store.putTask(s.name, task.name, { title: task.title, status: 'Completed' }, { actor: actor(task.by), at: at() });
  if (status === 'Closed') store.putIncident(s.name, s.props, { actor: s.createdBy, at: at() });
}

/** The walkthrough: each step is one change, so one audit record. */
function seedWalkthrough(store: WorkspaceStore, now: number): void {
  let t = now - 2 * DAY;
  const at = (hours = 3): Date => new Date((t += hours * HOUR));
  const { revoke, rule, test } = DEMO.tasks;
  const base: WritableIncident = { ...DEMO.props, status: 'New' };
  store.putIncident(DEMO.name, base, { actor: AUTOMATION, at: at(0) });
  store.putIncident(DEMO.name, { ...base, status: 'Active', owner: owner(ADA) }, { actor: actor(ADA), at: at(1) });
  store.putTask(DEMO.name, revoke.name, { title: revoke.title, status: 'New' }, { actor: actor(ADA), at: at(1) });
  store.putTask(DEMO.name, rule.name, { title: rule.title, status: 'New' }, { actor: actor(ADA), at: at(1) });
  store.putTask(DEMO.name, revoke.name, { title: revoke.title, status: 'Completed' }, { actor: actor(ADA), at: at(4) });
  store.putTask(DEMO.name, test.name, { title: test.title, status: 'New' }, { actor: actor(GRACE), at: at(6) });
  store.putTask(DEMO.name, test.name, { title: test.title, status: 'Completed' }, { actor: actor(GRACE), at: at(1) });
  store.deleteTask(DEMO.name, test.name, { actor: actor(GRACE), at: at(1) });
  store.putComment(DEMO.name, '18e7d0c9-7c8f-4d2e-9f6a-525354555657', 'Forwarding rule exported for evidence.', { actor: actor(ADA), at: at(3) });
}

export function seedDemoWorkspace(store: WorkspaceStore, now: Date): void {
  // A workspace that has seen many incidents: numbering continues from 405206, and the
  // others come first so the walkthrough incident is 405211.
  store.setLastIncidentNumber(DEMO_INCIDENT_NUMBER - OTHERS.length - 1);
  for (const s of OTHERS) seedOther(store, s, now.getTime());
  seedWalkthrough(store, now.getTime());
}
