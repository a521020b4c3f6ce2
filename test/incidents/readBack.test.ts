/** When the audit record is behind Sentinel: the comparison the read-back rests on. */
import { armIsAhead } from '../../src/incidents/readBack';
import type { Incident } from '../../src/sentinel/types';

const incident = (lastModifiedTimeUtc?: string): Incident => ({ name: 'x', properties: { title: 't', severity: 'Low', status: 'New', lastModifiedTimeUtc } }) as Incident;

it.each([
  ['the record has the latest change', '2026-12-01T10:00:00.123Z', '2026-12-01T10:00:00.1230000Z', false],
  ['the record is older', '2026-12-01T10:00:05Z', '2026-12-01T10:00:00Z', true],
  ['there is no record yet', '2026-12-01T10:00:05Z', undefined, true],
  ['the record is newer (ARM read first)', '2026-12-01T10:00:00Z', '2026-12-01T10:00:05Z', false],
  ['ARM gives no time', undefined, '2026-12-01T10:00:00Z', false],
])('%s', (_, arm, audit, ahead) => {
  expect(armIsAhead(incident(arm), audit)).toBe(ahead);
});
