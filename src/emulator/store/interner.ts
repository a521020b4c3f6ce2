/**
 * Shares equal small objects between resources: the same few people create tasks, write
 * comments and own incidents thousands of times, and a loaded journal would otherwise hold
 * a separate copy of each. Shared objects are never mutated (state changes replace them).
 */
import type { ClientInfo, Label, OwnerInfo, StoredComment, StoredIncident, StoredTask } from '../model';
import type { StateOp } from './stateOps';

/** A bound on distinct entries, so that a stream of one-off values cannot grow it without end. */
const MAX_ENTRIES = 10_000;

class Pool<T extends object> {
  private readonly items = new Map<string, T>();

  share(value: T, key: string): T {
    const known = this.items.get(key);
    if (known) return known;
    if (this.items.size < MAX_ENTRIES) this.items.set(key, value);
    return value;
  }
}

export class Interner {
  private readonly clients = new Pool<ClientInfo>();
  private readonly owners = new Pool<OwnerInfo>();
  private readonly labels = new Pool<Label>();

  private client(c: ClientInfo): ClientInfo {
    return this.clients.share(c, `${c.objectId}|${c.name}|${c.userPrincipalName}|${c.email}`);
  }

  private incident(i: StoredIncident): StoredIncident {
    const owner = i.owner && this.owners.share(i.owner, `${i.owner.objectId}|${i.owner.assignedTo}|${i.owner.userPrincipalName}|${i.owner.email}|${i.owner.ownerType}`);
    const labels = i.labels.map((l) => this.labels.share(l, `${l.labelType}|${l.labelName}`));
    return { ...i, owner, labels };
  }

  private task(t: StoredTask): StoredTask {
    return { ...t, createdBy: this.client(t.createdBy), lastModifiedBy: this.client(t.lastModifiedBy) };
  }

  private comment(c: StoredComment): StoredComment {
    return { ...c, author: this.client(c.author) };
  }

  op(op: StateOp): StateOp {
    switch (op.op) {
      case 'incident':
        return { ...op, incident: this.incident(op.incident) };
      case 'task':
        return { ...op, task: this.task(op.task) };
      case 'comment':
        return { ...op, comment: this.comment(op.comment) };
      default:
        return op;
    }
  }
}
