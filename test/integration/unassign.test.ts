/** "unassign N": the real bot over HTTP against the emulator, confirming before removing someone else. */
import { ADA, ALEX, GRACE } from '../../src/demo/identities';
import { cardOf, cardTexts, chat, startBotHarness, type BotHarness, type Json } from '../helpers/botHarness';
import { probe } from '../helpers/sentinelProbe';

let h: BotHarness;
beforeAll(async () => {
  h = await startBotHarness();
});
afterAll(async () => {
  await h.stop();
});

const ownerOf = async (n: number): Promise<string | undefined> => (await probe(h).sentinel.getIncidentByNumber(n)).properties.owner?.objectId ?? undefined;

function confirmAction(card: Json | undefined): { verb: string; data: Json } {
  const actions = (card?.actions ?? []) as Array<{ verb?: string; data?: Json }>;
  const first = actions[0];
  if (!first?.verb || !first.data) throw new Error('the card has no confirm button');
  return { verb: first.verb, data: first.data };
}

describe('unassign', () => {
  it('clears the sender\'s own ownership at once, as Sentinel stores an unassigned incident', async () => {
    expect(await ownerOf(405209)).toBe(ALEX.objectId);
    const texts = cardTexts(cardOf((await chat(h.botUrl, ALEX).say('unassign 405209'))[0]));
    expect(texts).toEqual(expect.arrayContaining(['You are no longer the owner of incident 405209; it is unassigned.', 'Unassigned']));
    const after = await probe(h).sentinel.getIncidentByNumber(405209);
    expect(after.properties.owner?.objectId ?? undefined).toBeUndefined();
    expect(after.properties.owner?.assignedTo ?? undefined).toBeUndefined();
  });

  it('asks before removing someone else, writes nothing until confirmed, then unassigns', async () => {
    const before = await probe(h).sentinel.getIncidentByNumber(405210);
    expect(before.properties.owner?.objectId).toBe(ADA.objectId);
    const alex = chat(h.botUrl, ALEX);
    const ask = cardOf((await alex.say('remove the owner of #405210 please'))[0]);
    expect(cardTexts(ask)).toEqual(expect.arrayContaining(['Unassign incident 405210?', 'Unassign Ada Lovelace', 'Keep Ada Lovelace']));
    expect((await probe(h).sentinel.getIncidentByNumber(405210)).etag).toBe(before.etag);

    const { verb, data } = confirmAction(ask);
    const done = await alex.press(verb, data);
    expect(cardTexts(done.body?.value)).toContain('Incident 405210 is no longer assigned to Ada Lovelace; it is unassigned.');
    expect(await ownerOf(405210)).toBeUndefined();
  });

  it('asks again when the incident changed hands between the question and the press', async () => {
    expect(await ownerOf(405211)).toBe(ADA.objectId);
    const alex = chat(h.botUrl, ALEX);
    const ask = cardOf((await alex.say('unassign 405211'))[0]);
    // Grace takes it from Ada meanwhile (confirmed with "Take it").
    await chat(h.botUrl, GRACE).press('incident.takeOver', { incidentNumber: '405211', expectedOwner: ADA.objectId });
    const { verb, data } = confirmAction(ask);
    const again = await alex.press(verb, data);
    const texts = cardTexts(again.body?.value);
    expect(texts).toContain('Incident 405211 changed hands');
    expect(texts).toContain('Unassign Grace Hopper');
    expect(await ownerOf(405211)).toBe(GRACE.objectId);
  });

  it('asks again for a press whose confirmed owner was forged', async () => {
    const press = await chat(h.botUrl, ALEX).press('incident.unassign', { incidentNumber: '405211', expectedOwner: 'anyone' });
    expect(cardTexts(press.body?.value)).toContain('Unassign incident 405211?');
    expect(await ownerOf(405211)).toBe(GRACE.objectId);
  });

  it('says so, without writing, when nobody owns it', async () => {
    const before = await probe(h).sentinel.getIncidentByNumber(405208);
    expect(before.properties.owner?.objectId ?? undefined).toBeUndefined();
    const texts = cardTexts(cardOf((await chat(h.botUrl, ALEX).say('unassign me from 405208'))[0]));
    expect(texts).toContain('Incident 405208 is not assigned to anyone.');
    expect((await probe(h).sentinel.getIncidentByNumber(405208)).etag).toBe(before.etag);
  });

  it('answers an unknown incident and a missing number clearly', async () => {
    expect((await chat(h.botUrl).say('unassign 123456'))[0]?.text).toContain("I couldn't find incident 123456");
    expect((await chat(h.botUrl).say('unassign'))[0]?.text).toContain('unassign 405211');
    expect((await chat(h.botUrl).say('unassign -405211'))[0]?.text).toContain('did nothing');
  });
});
