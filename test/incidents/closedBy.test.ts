/** Naming who closed an incident from the bot's attribution comments, and nobody on doubt. */
import { closerFrom } from '../../src/incidents/closedBy';
import type { AttributionComment } from '../../src/incidents/taskAttribution';

const APP = { objectId: '11111111-2222-4333-8444-555566667777', name: 'Sentinel Teams bot' };
const PERSON = { objectId: '8e1c9d44-6a0f-4f4b-b3b5-0a5f1e2d7c90', name: 'Ada Lovelace', userPrincipalName: 'ada@contoso.com' };
const at = (minutes: number): string => new Date(Date.UTC(2026, 11, 2, 9, minutes)).toISOString();
const comment = (message: string, minutes: number, author = APP): AttributionComment => ({ message, createdTime: at(minutes), author });

describe('closerFrom', () => {
  it('names the person in the bot\'s close comment written right after the close', () => {
    expect(closerFrom([comment('Closed as BenignPositive (SuspiciousButExpected) via Teams by Ada Lovelace.', 1)], at(0))).toBe('Ada Lovelace');
    expect(closerFrom([{ ...comment('Closed as TruePositive via Teams by Grace Hopper.', 0), author: {}, fromThisBot: true }], at(0))).toBe('Grace Hopper');
  });

  it('names nobody for a look-alike comment by a person', () => {
    expect(closerFrom([comment('Closed as TruePositive via Teams by Mallory.', 1, PERSON)], at(0))).toBeUndefined();
  });

  it('names nobody when the bot reopened it since, or the close comment is from an earlier close', () => {
    const closedThenReopened = [comment('Closed as TruePositive via Teams by Ada Lovelace.', 1), comment('Status set to Active via Teams by Grace Hopper.', 5)];
    expect(closerFrom(closedThenReopened, at(30))).toBeUndefined();
    // Closed again in the portal hours after the bot's close: that close's comment is too old.
    expect(closerFrom([comment('Closed as TruePositive via Teams by Ada Lovelace.', 1)], new Date(Date.UTC(2026, 11, 2, 15, 0)).toISOString())).toBeUndefined();
    expect(closerFrom([comment('Closed as TruePositive via Teams by Ada Lovelace.', 1)], undefined)).toBeUndefined();
  });
});
