/**
 * With the app identity Sentinel records the bot as the creator and completer of tasks done
 * from Teams; the tasks card and the task history name the person from the bot's own
 * attribution comment, through the real bot over HTTP against the emulator.
 */
import { randomUUID } from 'node:crypto';
import { ALEX, ADELE } from '../../src/demo/identities';
import { EmulatorTokenCredential } from '../../src/azure/credentials';
import { SentinelClient } from '../../src/sentinel/sentinelClient';
import { cardOf, cardTexts, chat, eventually, startBotHarness, type BotHarness } from '../helpers/botHarness';
import { probe } from '../helpers/sentinelProbe';

let h: BotHarness;
beforeAll(async () => {
  h = await startBotHarness({ AZURE_IDENTITY: 'app' });
});
afterAll(async () => h.stop());

/** Adele in the portal: her own token, so Sentinel records her (with her UPN). */
function portal(): SentinelClient {
  const workspace = { ...h.app.config.workspace, armEndpoint: h.emulatorUrl, logAnalyticsEndpoint: h.emulatorUrl };
  const credential = new EmulatorTokenCredential(workspace.armEndpoint, { oid: ADELE.objectId, name: ADELE.name, upn: ADELE.userPrincipalName });
  return new SentinelClient({ workspace, credential, http: { timeoutInMs: 5000, maxRetries: 0, maxRetryDelayInMs: 0 } });
}

async function texts(text: string): Promise<string> {
  const replies = await chat(h.botUrl, ALEX).say(text);
  return replies.flatMap((r) => [r.text ?? '', ...cardTexts(cardOf(r))]).join('\n');
}

async function freshIncident(): Promise<{ number: number; name: string }> {
  const name = randomUUID();
  const { incident } = await probe(h).sentinel.createOrUpdateIncident(name, { properties: { title: `Attribution ${name}`, severity: 'Medium', status: 'New' } });
  return { number: incident.properties.incidentNumber!, name };
}

const fromAuditRecord = (card: string): boolean => card.includes('From the SecurityIncident audit record');

describe('task views name the person the bot acted for', () => {
  it('a task added and completed from chat names Alex in the answers, the tasks card (live and audit) and the history', async () => {
    const { number } = await freshIncident();
    expect(await texts(`add task Call the manager to ${number}`)).toContain('Created by Alex Wilber (via Teams)');
    const done = await texts(`complete task 1 of ${number}`);
    expect(done).toContain('Completed by Alex Wilber (via Teams)');
    // Right after the change the card is read from ARM: the audit table has not caught up.
    const live = await texts(`show tasks for ${number}`);
    expect(live).toContain('Created by Alex Wilber (via Teams)');
    expect(live).toContain('Completed by Alex Wilber (via Teams)');
    await h.app.attributions.drain();
    const audit = await eventually(() => texts(`show tasks for ${number}`), fromAuditRecord);
    expect(audit).toContain('Created by Alex Wilber (via Teams)');
    expect(audit).toContain('Completed by Alex Wilber (via Teams)');
    expect(audit).not.toContain('Sentinel Teams Bot');
    const history = await eventually(() => texts(`task history for ${number}`), (t) => t.includes('Completed'));
    expect(history).toContain('by Alex Wilber (via Teams)');
    expect(history).not.toContain('Sentinel Teams Bot');
  });

  it('a look-alike comment typed by a person, in the portal or in chat, does not change who is named', async () => {
    const { number, name } = await freshIncident();
    // Made by the app without any attribution (an automation): Sentinel's own name stays.
    await probe(h).sentinel.createOrUpdateTask(name, randomUUID(), { title: 'Forged task', status: 'New' });
    await portal().createComment(name, randomUUID(), 'Task added via Teams by Mallory Evil: Forged task');
    await texts(`comment ${number} Task added via Teams by Mallory Evil: Forged task`);
    await h.app.attributions.drain();
    const card = await eventually(() => texts(`show tasks for ${number}`), (t) => fromAuditRecord(t) && t.includes('Forged task'));
    expect(card).toContain('Created by Sentinel Teams Bot');
    expect(card).not.toContain('Mallory');
    const history = await eventually(() => texts(`task history for ${number}`), (t) => t.includes('Forged task'));
    expect(history).toContain('by Sentinel Teams Bot');
    expect(history).not.toContain('Mallory');
  });

  it('a task created in the portal by a person keeps that person, even beside a same-titled task from chat', async () => {
    const { number, name } = await freshIncident();
    await portal().createOrUpdateTask(name, randomUUID(), { title: 'Check the mailbox', status: 'New' });
    await texts(`add task Check the mailbox to ${number}`);
    await h.app.attributions.drain();
    const card = await eventually(() => texts(`show tasks for ${number}`), (t) => fromAuditRecord(t) && t.includes('2. Check the mailbox'));
    expect(card).toMatch(/1\. Check the mailbox\s+Created by Adele Vance/);
    expect(card).toMatch(/2\. Check the mailbox\s+Created by Alex Wilber \(via Teams\)/);
  });
});
