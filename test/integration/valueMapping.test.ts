/**
 * Over HTTP as Teams sends it: a value Sentinel does not have is answered with the mapping and
 * a confirm button, nothing is written until it is pressed, and messages with two readings or
 * several incidents answer with buttons.
 */
import { ALEX } from '../../src/demo/identities';
import { cardOf, cardTexts, chat, startBotHarness, type BotHarness } from '../helpers/botHarness';
import { probe } from '../helpers/sentinelProbe';
import { cardButtons } from '../helpers/cardButtons';

let h: BotHarness;
beforeAll(async () => {
  h = await startBotHarness();
});
afterAll(async () => {
  await h.stop();
});

describe('mapped values, confirmed', () => {
  it('"set severity of 405209 to critical": the mapping, Set severity to High and Cancel; the press sets it, a second press says it already is', async () => {
    const asked = cardOf((await chat(h.botUrl).say('set severity of 405209 to critical'))[0]);
    expect(cardTexts(asked).join(' ')).toContain('Sentinel has no severity "Critical"; the highest is High.');
    const [confirm, cancel] = cardButtons(asked);
    expect([confirm?.title, cancel?.title]).toEqual(['Set severity to High', 'Cancel']);
    // Nothing written before the press: Sentinel still has the severity it had.
    expect((await probe(h).sentinel.getIncidentByNumber(405209)).properties.severity).toBe('Medium');
    const pressed = await chat(h.botUrl).press(confirm?.verb ?? '', confirm?.data);
    expect(cardTexts(pressed.body?.value)).toContain('Severity of incident 405209 is now High.');
    expect((await probe(h).sentinel.getIncidentByNumber(405209)).properties.severity).toBe('High');
    const again = await chat(h.botUrl).press(confirm?.verb ?? '', confirm?.data);
    expect(cardTexts(again.body?.value)).toContain('Severity of incident 405209 is already High, so nothing changed.');
  });

  it('in a channel, "@bot mark 405209 in progress" asks to set Active', async () => {
    const asked = cardOf((await chat(h.botUrl, ALEX, { conversationType: 'channel' }).say('<at>Sentinel Incidents</at> mark 405209 in progress'))[0]);
    const texts = cardTexts(asked).join(' ');
    expect(texts).toMatch(/Sentinel has no status "In progress"; an incident being worked on is Active\.|already Active/);
  });

  it('a forged confirm press is refused inside the incident card', async () => {
    const forged = await chat(h.botUrl).press('incident.confirmValue', { incidentNumber: '405209', field: 'severity', value: 'Low', expected: 'High', typed: 'critical' });
    const texts = cardTexts(forged.body?.value);
    expect(texts.join(' ')).toContain('That button is out of date.');
    expect(texts).toContain('Incident 405209');
    expect((await probe(h).sentinel.getIncidentByNumber(405209)).properties.severity).toBe('High');
  });
});

describe('buttons instead of a guess', () => {
  it('"assign 405211 and 405212 to Ada" in a channel: Which incident?, one button each', async () => {
    const card = cardOf((await chat(h.botUrl, ALEX, { conversationType: 'channel' }).say('<at>Sentinel Incidents</at> assign 405211 and 405212 to Ada Lovelace'))[0]);
    expect(cardTexts(card)).toContain('Which incident?');
    expect(cardButtons(card).filter((a) => a.verb === 'suggestion.run').map((a) => a.data.text)).toEqual(['assign 405211 to Ada Lovelace', 'assign 405212 to Ada Lovelace']);
  });

  it('"405211 high" asks: set the severity, or show it', async () => {
    const card = cardOf((await chat(h.botUrl).say('405211 high'))[0]);
    expect(cardButtons(card).filter((a) => a.verb === 'suggestion.run').map((a) => a.title)).toEqual(['set severity of 405211 to high', 'show 405211']);
  });
});
