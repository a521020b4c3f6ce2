/**
 * The changes the service makes to an incident, each as what it writes, how to tell it is
 * already done, and which field another writer may have changed meanwhile.
 */
import type { Incident, IncidentInput, IncidentOwnerInfo } from '../sentinel/types';
import { attributionText } from './attribution';
import type { Closure, Person, Severity, Status } from './types';

export function ownerInfo(person: Person): IncidentOwnerInfo {
  return {
    objectId: person.objectId,
    assignedTo: person.name || undefined,
    userPrincipalName: person.userPrincipalName,
    email: person.email,
    ownerType: 'User',
  };
}

export interface Change {
  isDone(p: Incident['properties']): boolean;
  apply(input: IncidentInput): IncidentInput;
  /** The field this change writes: if another writer changed it meanwhile, theirs wins. */
  fieldOf(p: Incident['properties']): string;
  /** What the field holds now (a clause), for telling the person what someone else did. */
  describe(p: Incident['properties']): string;
  attribution: string;
}

function ownerPhrase(p: Incident['properties']): string {
  const o = p.owner;
  const name = o?.assignedTo || o?.userPrincipalName || o?.email || o?.objectId;
  return name ? `it is now assigned to ${name}` : 'it is now unassigned';
}

export function assignChange(owner: Person, actor: Person): Change {
  return {
    isDone: (p) => p.owner?.objectId?.toLowerCase() === owner.objectId.toLowerCase(),
    apply: (input) => ({ ...input, properties: { ...input.properties, owner: ownerInfo(owner) } }),
    fieldOf: (p) => p.owner?.objectId ?? '',
    describe: ownerPhrase,
    attribution: attributionText.assigned(owner, actor),
  };
}

/** Sentinel's way to unassign: an owner whose fields are all null (it then reads back as Unknown). */
export const NO_OWNER: IncidentOwnerInfo = { objectId: null, email: null, assignedTo: null, userPrincipalName: null, ownerType: 'Unknown' };

export function unassignChange(actor: Person, previous: string): Change {
  return {
    isDone: (p) => !p.owner?.objectId,
    apply: (input) => ({ ...input, properties: { ...input.properties, owner: NO_OWNER } }),
    fieldOf: (p) => p.owner?.objectId ?? '',
    describe: ownerPhrase,
    attribution: attributionText.unassigned(previous, actor),
  };
}

export function severityChange(severity: Severity, actor: Person): Change {
  return {
    isDone: (p) => p.severity === severity,
    apply: (input) => ({ ...input, properties: { ...input.properties, severity } }),
    fieldOf: (p) => p.severity,
    describe: (p) => `its severity is now ${p.severity}`,
    attribution: attributionText.severity(severity, actor),
  };
}

/** Reopening a closed incident clears its classification as Sentinel does. */
export function statusChange(status: Exclude<Status, 'Closed'>, actor: Person): Change {
  return {
    isDone: (p) => p.status === status,
    apply: (input) => ({
      ...input,
      properties: { ...input.properties, status, classification: undefined, classificationReason: undefined, classificationComment: undefined },
    }),
    fieldOf: (p) => p.status,
    describe: (p) => `its status is now ${p.status}`,
    attribution: attributionText.status(status, actor),
  };
}

export function closeChange(closure: Closure, actor: Person): Change {
  const label = closure.classificationReason ? `${closure.classification} (${closure.classificationReason})` : closure.classification;
  return {
    isDone: (p) => p.status === 'Closed',
    apply: (input) => ({
      ...input,
      properties: {
        ...input.properties,
        status: 'Closed',
        classification: closure.classification,
        classificationReason: closure.classificationReason,
        classificationComment: closure.classificationComment,
      },
    }),
    fieldOf: (p) => p.status,
    describe: (p) => `its status is now ${p.status}`,
    attribution: attributionText.closed(label, actor),
  };
}
