/**
 * "loose ends" on a workspace where no closed incident has tasks: the article's bag_unpack form
 * would fail there (its columns come from the data), so the bot must still answer plainly.
 */
import { randomUUID } from 'node:crypto';
import { ALEX } from '../../src/demo/identities';
import { cardOf, cardTexts, chat, INGESTION_DELAY_MS, startBotHarness, type BotHarness } from '../helpers/botHarness';
import { probe } from '../helpers/sentinelProbe';

let h: BotHarness;
beforeAll(async () => {
  h = await startBotHarness({ SENTINEL_EMULATOR_SEED: 'empty' });
});
afterAll(async () => h.stop());

async function texts(text: string): Promise<string[]> {
  const replies = await chat(h.botUrl, ALEX).say(text);
  return replies.flatMap((r) => [r.text ?? '', ...cardTexts(cardOf(r))]).filter(Boolean);
}

const NONE = 'No loose ends: every closed incident has all its tasks completed or deleted.';

describe('loose ends without data to unpack', () => {
  it('answers "no loose ends" on an empty workspace', async () => {
    expect(await texts('loose ends')).toContain(NONE);
  });

  it('answers "no loose ends" when the only closed incident never had tasks', async () => {
    const { sentinel } = probe(h);
    await sentinel.createOrUpdateIncident(randomUUID(), {
      properties: { title: 'Closed without tasks', severity: 'Low', status: 'Closed', classification: 'Undetermined' },
    });
    expect(await texts('loose ends')).toContain(NONE);
  });

  it('finds the open task once a closed incident has one, and forgets it once completed', async () => {
    const { sentinel } = probe(h);
    const id = randomUUID();
    const { incident } = await sentinel.createOrUpdateIncident(id, { properties: { title: 'Open then closed', severity: 'Medium', status: 'Active' } });
    const taskId = randomUUID();
    await sentinel.createOrUpdateTask(id, taskId, { title: 'Call the user back', status: 'New' });
    const current = await sentinel.getIncident(id);
    await sentinel.createOrUpdateIncident(id, { etag: current.etag, properties: { ...current.properties, status: 'Closed', classification: 'BenignPositive', classificationReason: 'SuspiciousButExpected' } });

    // Right after the close, before Log Analytics has its record: read back from Sentinel.
    const open = await texts('loose ends');
    expect(open).toEqual(expect.arrayContaining([`Incident ${incident.properties.incidentNumber}: `, 'Open then closed', '○ Call the user back']));

    await sentinel.createOrUpdateTask(id, taskId, { title: 'Call the user back', status: 'Completed' });
    expect(await texts('loose ends')).toContain(NONE);
    // And still right once the audit table has caught up.
    await new Promise((resolve) => setTimeout(resolve, INGESTION_DELAY_MS + 300));
    expect(await texts('loose ends')).toContain(NONE);
  });
});
