/** Handing an incident to someone else, by Teams mention or by name: the real bot over HTTP against the emulator. */
import { randomUUID } from 'node:crypto';
import { ADA, ADELE, ALEX, GRACE, ISAIAH } from '../../src/demo/identities';
import { DEMO_TENANT_ID } from '../../src/demo/identities';
import { cardOf, cardTexts, chat, startBotHarness, type Activity, type BotHarness, type Json } from '../helpers/botHarness';
import { probe } from '../helpers/sentinelProbe';
import { cardButton } from '../helpers/cardButtons';

let h: BotHarness;
beforeAll(async () => {
  h = await startBotHarness();
});
afterAll(async () => {
  await h.stop();
});

const BOT = { id: '28:sentinel-teams-bot', name: 'Sentinel Incidents' };
const ownerOf = async (n: number): Promise<string | undefined> => (await probe(h).sentinel.getIncidentByNumber(n)).properties.owner?.objectId ?? undefined;

/** A channel message as Teams sends it: the bot's mention and the person's, each with an entity. */
async function sayInChannel(text: string, entities: Json[]): Promise<Activity[]> {
  const res = await chat(h.botUrl).raw({
    type: 'message', id: randomUUID(), text, entities, channelId: 'msteams', serviceUrl: 'http://127.0.0.1:9/', deliveryMode: 'expectReplies', locale: 'en-US',
    from: { id: 'user-alex', name: ALEX.name, aadObjectId: ALEX.objectId }, recipient: BOT,
    conversation: { id: `19:soc@thread.tacv2;messageid=${randomUUID()}`, conversationType: 'channel', tenantId: DEMO_TENANT_ID, isGroup: true },
    channelData: { tenant: { id: DEMO_TENANT_ID }, team: { id: '19:team' }, channel: { id: '19:soc@thread.tacv2' } },
  });
  return ((res.data as { activities?: Activity[] }).activities ?? []).filter((a) => a.type !== 'typing');
}

const botMention = { type: 'mention', text: '<at>Sentinel Incidents</at>', mentioned: BOT };

describe('assign to someone else', () => {
  it('assigns to the person mentioned in a channel, ignoring the bot\'s own mention', async () => {
    const replies = await sayInChannel('<at>Sentinel Incidents</at> assign 405208 to <at>Grace</at> please', [
      botMention,
      { type: 'mention', text: '<at>Grace</at>', mentioned: { id: '29:grace', name: 'Grace Hopper', aadObjectId: GRACE.objectId } },
    ]);
    expect(cardTexts(cardOf(replies[0]))).toContain('Incident 405208 is now assigned to Grace Hopper.');
    const owner = (await probe(h).sentinel.getIncidentByNumber(405208)).properties.owner;
    expect(owner).toMatchObject({ objectId: GRACE.objectId, assignedTo: 'Grace Hopper', userPrincipalName: GRACE.userPrincipalName });
  });

  it('refuses a mentioned person the directory does not know, writing nothing', async () => {
    const before = await probe(h).sentinel.getIncidentByNumber(405208);
    const replies = await sayInChannel('<at>Sentinel Incidents</at> assign <at>Guest</at> to 405208', [
      botMention,
      { type: 'mention', text: '<at>Guest</at>', mentioned: { id: '29:guest', name: 'Guest User', aadObjectId: '0f0f0f0f-1111-4222-8333-444455556666' } },
    ]);
    expect(replies[0]?.text).toContain("Guest User is not in your organisation's directory");
    expect((await probe(h).sentinel.getIncidentByNumber(405208)).etag).toBe(before.etag);
  });

  it('assigns by full name, from the sender to a colleague, with the directory\'s object id', async () => {
    expect(await ownerOf(405209)).toBe(ALEX.objectId);
    const replies = await chat(h.botUrl, ALEX).say('assign 405209 to Ada Lovelace');
    expect(cardTexts(cardOf(replies[0]))).toContain('Incident 405209 is now assigned to Ada Lovelace.');
    expect(await ownerOf(405209)).toBe(ADA.objectId);
  });

  it('confirms before taking an incident from its owner, then hands it over', async () => {
    const before = await probe(h).sentinel.getIncidentByNumber(405210);
    expect(before.properties.owner?.objectId).toBe(ADA.objectId);
    const alex = chat(h.botUrl, ALEX);
    const ask = cardOf((await alex.say('give #405210 to grace'))[0]);
    expect(cardTexts(ask)).toEqual(expect.arrayContaining(['Take incident 405210 from Ada Lovelace?', 'Assign to Grace Hopper', 'Keep Ada Lovelace']));
    expect((await probe(h).sentinel.getIncidentByNumber(405210)).etag).toBe(before.etag);
    const { verb, data } = cardButton(ask, 'Assign to Grace Hopper');
    expect(cardTexts((await alex.press(verb, data)).body?.value)).toContain('Incident 405210 is now assigned to Grace Hopper.');
    expect(await ownerOf(405210)).toBe(GRACE.objectId);
  });

  it('asks again when the incident changed hands before the confirmation was pressed', async () => {
    expect(await ownerOf(405211)).toBe(ADA.objectId);
    const alex = chat(h.botUrl, ALEX);
    const ask = cardOf((await alex.say('assign 405211 to grace'))[0]);
    // Isaiah takes it from Ada meanwhile (Megan only reads: her own Reader role would refuse) (confirmed with "Take it").
    await chat(h.botUrl, ISAIAH).press('incident.takeOver', { incidentNumber: '405211', expectedOwner: ADA.objectId });
    expect(await ownerOf(405211)).toBe(ISAIAH.objectId);
    const { verb, data } = cardButton(ask, 'Assign to Grace Hopper');
    const again = cardTexts((await alex.press(verb, data)).body?.value);
    expect(again).toEqual(expect.arrayContaining(['Incident 405211 changed hands', 'Keep Isaiah Langer']));
    expect(await ownerOf(405211)).toBe(ISAIAH.objectId);
  });

  it('asks with buttons when a name fits several people', async () => {
    const alex = chat(h.botUrl, ALEX);
    const ask = cardOf((await alex.say('assign 405208 to ad'))[0]);
    const texts = cardTexts(ask);
    expect(texts).toContain('Which "ad"?');
    expect(texts).toEqual(expect.arrayContaining([`Ada Lovelace (${ADA.userPrincipalName})`, `Adele Vance (${ADELE.userPrincipalName})`]));
    expect(await ownerOf(405208)).toBe(GRACE.objectId);
    const { verb, data } = cardButton(ask, `Adele Vance (${ADELE.userPrincipalName})`);
    expect(cardTexts((await alex.press(verb, data)).body?.value)).toContain('Incident 405208 is now assigned to Adele Vance.');
    expect(await ownerOf(405208)).toBe(ADELE.objectId);
  });

  it('says so when nobody fits the name, or a card names someone outside the directory, writing nothing', async () => {
    const before = await probe(h).sentinel.getIncidentByNumber(405208);
    expect((await chat(h.botUrl).say('assign 405208 to Bob Smith'))[0]?.text).toContain('I don\'t know anyone called "Bob Smith"');
    const forged = await chat(h.botUrl).press('incident.assignTo', { incidentNumber: '405208', assignee: '0f0f0f0f-1111-4222-8333-444455556666', expectedOwner: ADELE.objectId });
    expect(cardTexts(forged.body?.value).join(' ')).toContain("not in your organisation's directory");
    const broken = await chat(h.botUrl).press('incident.assignTo', { incidentNumber: '405208', assignee: 'ada' });
    expect(cardTexts(broken.body?.value).join(' ')).toContain('does not say who to assign');
    expect((await probe(h).sentinel.getIncidentByNumber(405208)).etag).toBe(before.etag);
  });

  it('asks about a signed number instead of assigning anything', async () => {
    expect((await chat(h.botUrl).say('assign -405208 to Ada Lovelace'))[0]?.text).toContain('did nothing');
  });
});
