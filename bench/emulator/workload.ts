/**
 * A realistic audit history, written straight into a WorkspaceStore (no HTTP): incidents
 * worked by a handful of analysts, about ten changes each (assignment, two or three tasks
 * added and completed, comments, a severity change, closure). Histories interleave, as in a
 * real workspace, so the records of one incident are spread over the journal.
 */
import { ADA, ALEX, GRACE, MEGAN, type DemoUser } from '../../src/demo/identities';
import type { Actor, IncidentFields, OwnerInfo, Severity } from '../../src/emulator/model';
import type { ChangeOptions, WorkspaceStore } from '../../src/emulator/store/workspaceStore';

const ANALYSTS: readonly DemoUser[] = [ADA, ALEX, GRACE, MEGAN];
const SEVERITIES: readonly Severity[] = ['High', 'Medium', 'Low', 'Informational'];
const TITLES = [
  'Impossible travel between two sign-ins',
  'Suspicious inbox forwarding rule',
  'Malware detected on an endpoint',
  'Mass download from SharePoint',
  'Phishing email reported by a user',
  'Brute force attempt against a VPN account',
];
const TASK_TITLES = ['Contact the user', 'Reset the password and revoke sessions', 'Collect the evidence', 'Check for related sign-ins', 'Isolate the device'];
/** Changes per incident: every incident gets exactly this many audit records. */
export const CHANGES_PER_INCIDENT = 10;

/** A small deterministic PRNG (mulberry32), so runs are comparable. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const actor = (u: DemoUser): Actor => ({ name: u.name, objectId: u.objectId, userPrincipalName: u.userPrincipalName, email: u.email });
const owner = (u: DemoUser): OwnerInfo => ({ objectId: u.objectId, email: u.email, assignedTo: u.name, userPrincipalName: u.userPrincipalName, ownerType: 'User' });

interface Story {
  name: string;
  step: number;
  fields: IncidentFields;
  analyst: DemoUser;
  tasks: Array<{ name: string; title: string }>;
}

export class Workload {
  private readonly rnd: () => number;
  private readonly active: Story[] = [];
  private readonly stepMs: number;
  private readonly window: number;
  private created = 0;
  private clockMs: number;

  /**
   * @param window how many incidents are being worked at once (how far their records interleave)
   * @param startMs the simulated time of the first change; each change moves it by `stepMs`
   */
  constructor(
    private store: WorkspaceStore,
    options: { seed?: number; window?: number; startMs: number; stepMs: number },
  ) {
    this.rnd = random(options.seed ?? 42);
    this.clockMs = options.startMs;
    this.stepMs = options.stepMs;
    this.window = options.window ?? 1000;
  }

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.rnd() * items.length)]!;
  }

  private newStory(): Story {
    const n = ++this.created;
    const hex = n.toString(16).padStart(12, '0');
    const taskCount = this.rnd() < 0.5 ? 2 : 3;
    return {
      name: `b0000000-0000-4000-8000-${hex}`,
      step: 0,
      analyst: this.pick(ANALYSTS),
      fields: {
        title: `${this.pick(TITLES)} (#${n})`,
        description: 'Generated for the emulator benchmark: an alert from a detection rule, with the details an analyst would read first.',
        severity: this.pick(SEVERITIES),
        status: 'New',
        labels: [{ labelName: this.pick(['phishing', 'identity', 'malware', 'endpoint']), labelType: 'User' }],
      },
      tasks: Array.from({ length: taskCount }, (_, i) => ({ name: `${hex}-task-${i + 1}`, title: this.pick(TASK_TITLES) })),
    };
  }

  /** Goes on writing into `store` (the same data, reopened). */
  useStore(store: WorkspaceStore): void {
    this.store = store;
  }

  /** Applies `count` changes (one audit record each). */
  run(count: number): void {
    for (let i = 0; i < count; i++) {
      while (this.active.length < this.window) this.active.push(this.newStory());
      const at = this.rnd() * this.active.length;
      const story = this.active[Math.floor(at)]!;
      this.advance(story);
      if (story.step === CHANGES_PER_INCIDENT) this.active.splice(this.active.indexOf(story), 1);
    }
  }

  private advance(s: Story): void {
    this.clockMs += this.stepMs;
    const o: ChangeOptions = { actor: actor(s.analyst), at: new Date(this.clockMs), sync: false };
    const [t1, t2, t3] = s.tasks;
    const comment = (n: number): void => {
      this.store.putComment(s.name, `${s.name.slice(-12)}-c${n}`, `Update ${n}: checked the sign-in logs and the mailbox audit log; nothing else found yet.`, o);
    };
    switch (s.step++) {
      case 0:
        this.store.putIncident(s.name, s.fields, o);
        return;
      case 1:
        s.fields = { ...s.fields, status: 'Active', owner: owner(s.analyst) };
        this.store.putIncident(s.name, s.fields, o);
        return;
      case 2:
      case 3:
        this.store.putTask(s.name, s.tasks[s.step - 3]!.name, { title: s.tasks[s.step - 3]!.title, status: 'New' }, o);
        return;
      case 4:
        if (t3) this.store.putTask(s.name, t3.name, { title: t3.title, status: 'New' }, o);
        else comment(1);
        return;
      case 5:
        this.store.putTask(s.name, t1!.name, { title: t1!.title, status: 'Completed' }, o);
        return;
      case 6:
        comment(2);
        return;
      case 7:
        s.fields = { ...s.fields, severity: this.pick(SEVERITIES) };
        this.store.putIncident(s.name, s.fields, o);
        return;
      case 8:
        this.store.putTask(s.name, t2!.name, { title: t2!.title, status: 'Completed' }, o);
        return;
      default:
        s.fields = { ...s.fields, status: 'Closed', classification: 'TruePositive', classificationReason: 'SuspiciousActivity', classificationComment: 'Contained.' };
        this.store.putIncident(s.name, s.fields, o);
    }
  }
}
