/**
 * Incident resource names derived from the submission rather than drawn at random:
 * the same submission (a Teams retry, a double click, a second instance handling the
 * same card) always maps to the same ARM name, so it can only ever create one incident.
 * The derivation is a name-based UUID (RFC 9562 version 5: SHA-1 over a namespace and a name).
 */
import { createHash } from 'node:crypto';

// Our namespace for report submissions; a fixed UUID of our own, which must never change.
const REPORT_NAMESPACE = 'b3f1c6d2-8a4e-5f7b-9c0d-1e2f3a4b5c6d';

function uuidBytes(uuid: string): Buffer {
  return Buffer.from(uuid.replace(/-/g, ''), 'hex');
}

export function nameBasedUuid(namespace: string, name: string): string {
  const hash = createHash('sha1').update(uuidBytes(namespace)).update(name, 'utf8').digest();
  const b = Buffer.from(hash.subarray(0, 16));
  b[6] = (b[6]! & 0x0f) | 0x50; // version 5
  b[8] = (b[8]! & 0x3f) | 0x80; // RFC variant
  const hex = b.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A submission key names the sender and the report card (its id is drawn once per report). */
export function submissionKey(senderKey: string, submissionId: string): string {
  return `${senderKey.toLowerCase()}|${submissionId}`;
}

export function incidentIdForSubmission(key: string): string {
  return nameBasedUuid(REPORT_NAMESPACE, key);
}
