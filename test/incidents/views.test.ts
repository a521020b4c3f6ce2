import { incidentView } from '../../src/incidents/views';
import type { Incident } from '../../src/sentinel/types';

const withOwner = (owner: Record<string, unknown>): Incident => ({ name: 'a1', properties: { incidentNumber: 1, title: 'T', severity: 'Low', status: 'New', owner } }) as unknown as Incident;

describe('the owner as a card names them', () => {
  it('a person by their name, a group as a group', () => {
    expect(incidentView(withOwner({ objectId: '11111111-2222-4333-8444-555555555555', assignedTo: 'Ada Lovelace', ownerType: 'User' })).owner?.name).toBe('Ada Lovelace');
    expect(incidentView(withOwner({ objectId: '11111111-2222-4333-8444-555555555555', assignedTo: 'SOC Tier 1', ownerType: 'Group' })).owner?.name).toBe('SOC Tier 1 (group)');
  });

  it('an owner Sentinel knows only by object id is not shown as a bare id', () => {
    const owner = incidentView(withOwner({ objectId: '11111111-2222-4333-8444-555555555555' })).owner;
    expect(owner?.objectId).toBe('11111111-2222-4333-8444-555555555555');
    expect(owner?.name).toBe('someone Sentinel does not name (object id 11111111…)');
  });
});
