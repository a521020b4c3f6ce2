/** Help that fits the place: what a personal chat lists differs from a channel's or group chat's. */
import { helpCard, helpCommandsFor, helpPlaceOf } from '../../../src/bot/cards/generalCards';
import { parseCommand } from '../../../src/bot/commands';

function examples(card: Record<string, unknown>): string[] {
  const out: string[] = [];
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') {
      const o = n as Record<string, unknown>;
      if (o.type === 'TextBlock' && o.fontType === 'Monospace' && typeof o.text === 'string') out.push(o.text);
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return out;
}

describe('help per place', () => {
  const personal = examples(helpCard(undefined, { conversation: 'personal' }));
  const channel = examples(helpCard(undefined, { conversation: 'channel', botName: 'Sentinel Incidents' }));
  const group = examples(helpCard(undefined, { conversation: 'groupChat', botName: 'Sentinel Incidents' }));

  it('a personal chat starts with report and my incidents, then tasks and assign to me, and lists no channel feed', () => {
    expect(personal.slice(0, 2)).toEqual(['report phishing email pretending to be the CEO', 'my incidents']);
    expect(personal).toEqual(expect.arrayContaining(['show tasks for 405211', 'assign 405211 to me']));
    expect(personal.filter((e) => /watch/.test(e))).toEqual([]);
    expect(personal.filter((e) => e.startsWith('@'))).toEqual([]);
    expect(personal).toContain('sign out');
  });

  it('a channel and a group chat list the feed with the bot\'s mention, and not "my incidents" for everyone to see', () => {
    for (const shared of [channel, group]) {
      expect(shared).toEqual(expect.arrayContaining(['@Sentinel Incidents watch incidents', '@Sentinel Incidents unwatch', '@Sentinel Incidents what are you watching?', '@Sentinel Incidents assign 405211 to @Ada']));
      expect(shared.every((e) => e.startsWith('@Sentinel Incidents '))).toBe(true);
      expect(shared).not.toContain('@Sentinel Incidents my incidents');
    }
    expect(channel[0]).toBe('@Sentinel Incidents show 405211');
  });

  it('every example shown is understood as a command, in both places', () => {
    for (const where of ['personal', 'channel'] as const) {
      for (const { example } of helpCommandsFor(where)) {
        expect(['unknown', 'empty', 'didYouMean', 'needsIncidentNumber', 'needsValue']).not.toContain(parseCommand(`<at>Sentinel Incidents</at> ${example}`).kind);
      }
    }
  });

  it('help asked during a report in a channel keeps the channel\'s list and mentions', () => {
    const place = helpPlaceOf({ conversation: { conversationType: 'channel' }, recipient: { name: 'Sentinel Incidents' } });
    expect(place).toEqual({ conversation: 'channel', botName: 'Sentinel Incidents' });
    expect(examples(helpCard('Your report is still open above.', place))).toEqual(channel);
    expect(helpPlaceOf({ conversation: { conversationType: 'personal' } }).conversation).toBe('personal');
    expect(helpPlaceOf({}).conversation).toBe('personal');
  });
});
