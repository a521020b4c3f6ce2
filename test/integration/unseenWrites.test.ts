/**
 * Over HTTP as Teams sends it, against the emulator: messages a person might type that the
 * bot once read as a different write. A message that opens by mentioning a colleague, a
 * question, a right-to-left override that shows another number, and "405211 | union *" write
 * nothing and answer with buttons; a task number before "done" and a dash before a comment are
 * written as meant; a count in "my top 5 incidents" is not incident 5; and "Did you mean"
 * offers the starting points of the place it is asked in.
 */
import { randomUUID } from 'node:crypto';
import { ADA, ALEX, DEMO_TENANT_ID } from '../../src/demo/identities';
import { cardOf, cardTexts, chat, startBotHarness, type Activity, type BotHarness, type Json } from '../helpers/botHarness';
import { cardButtons } from '../helpers/cardButtons';
import { probe } from '../helpers/sentinelProbe';

let h: BotHarness;
beforeAll(async () => {
  h = await startBotHarness();
});
afterAll(async () => {
  await h.stop();
});

const BOT = { id: '28:sentinel-teams-bot', name: 'Sentinel Incidents' };

/** A channel message as Teams sends it: the bot's mention and a colleague's, each with its entity. */
async function sayInChannel(text: string, entities: Json[]): Promise<Activity[]> {
  const res = await chat(h.botUrl).raw({
    type: 'message',
    id: randomUUID(),
    text,
    entities,
    channelId: 'msteams',
    serviceUrl: 'http://127.0.0.1:9/',
    deliveryMode: 'expectReplies',
    from: { id: `user-${ALEX.objectId}`, name: ALEX.name, aadObjectId: ALEX.objectId },
    recipient: BOT,
    conversation: { id: `19:${randomUUID()}@thread.tacv2`, conversationType: 'channel', isGroup: true, tenantId: DEMO_TENANT_ID },
    channelData: { tenant: { id: DEMO_TENANT_ID } },
  });
  expect(res.status).toBe(200);
  return ((res.data as { activities?: Activity[] }).activities ?? []).filter((a) => a.type !== 'typing');
}

const suggested = (card: unknown): string[] => cardButtons(card).filter((b) => b.verb === 'suggestion.run').map((b) => String(b.data.text));
const owner = async (n: number): Promise<string | undefined> => (await probe(h).sentinel.getIncidentByNumber(n)).properties.owner?.objectId ?? undefined;

describe('nothing is written on a message that is not an order to the bot', () => {
  it('"@Sentinel @Ada take 405210" in a channel asks who should own it, and the owner stays', async () => {
    const before = await owner(405210);
    const replies = await sayInChannel('<at>Sentinel Incidents</at> <at>Ada</at> take 405210', [
      { type: 'mention', text: '<at>Sentinel Incidents</at>', mentioned: BOT },
      { type: 'mention', text: '<at>Ada</at>', mentioned: { id: '29:ada', name: ADA.name, aadObjectId: ADA.objectId } },
    ]);
    const card = cardOf(replies[0]);
    expect(cardTexts(card)).toContain('Who should own incident 405210?');
    expect(suggested(card)).toEqual(['assign 405210 to Ada Lovelace', 'assign 405210 to me', 'show 405210']);
    expect(await owner(405210)).toBe(before);
  });

  it.each([
    ['should I take 405210?', 'That reads as a question'],
    ['did you assign 405210 to me?', 'That reads as a question'],
    ['assign 405210 | union * to me', 'characters of a query or template'],
  ])('%j asks and leaves the owner as it was', async (text, sentence) => {
    const before = await owner(405210);
    const card = cardOf((await chat(h.botUrl).say(text))[0]);
    expect(cardTexts(card).join(' ')).toContain(sentence);
    expect(suggested(card)).toEqual(['assign 405210 to me', 'show 405210']);
    expect(await owner(405210)).toBe(before);
  });

  it('a right-to-left override that shows "902504" for 405209 changes nothing, and the button shows the number read', async () => {
    const before = (await probe(h).sentinel.getIncidentByNumber(405209)).properties.severity;
    const card = cardOf((await chat(h.botUrl).say('set severity of \u202e405209\u202c to informational'))[0]);
    expect(cardTexts(card)).toContain('Which incident?');
    expect(suggested(card)).toEqual(['show 405209']);
    expect((await probe(h).sentinel.getIncidentByNumber(405209)).properties.severity).toBe(before);
  });
});

describe('written as meant', () => {
  it('"mark task 2 done on 405211" completes task 2, not a task titled "2 done"', async () => {
    const replies = await chat(h.botUrl).say('mark task 2 done on 405211');
    const texts = cardTexts(cardOf(replies[0])).join(' ');
    expect(texts).toContain('Both done');
    expect(texts).not.toContain('2 done"');
  });

  it('"comment on 405208 – spoke to Ada" writes "spoke to Ada", without the dash', async () => {
    await chat(h.botUrl).say('comment on 405208 \u2013 spoke to Ada');
    const incident = await probe(h).sentinel.getIncidentByNumber(405208);
    const comments = await probe(h).sentinel.listComments(incident.name);
    const mine = comments.map((c) => c.properties.message).filter((m) => m.includes('spoke to Ada'));
    expect(mine).toHaveLength(1);
    expect(mine[0]).not.toMatch(/[\u2013]\s*spoke/);
  });

  it('"show my top 5 incidents" is the list of my incidents, not incident 5', async () => {
    const texts = cardTexts(cardOf((await chat(h.botUrl).say('show my top 5 incidents'))[0])).join(' ');
    expect(texts).not.toContain("I couldn't find incident 5");
    expect(texts).toMatch(/incidents/i);
  });
});

describe('help that fits the place, asked in words not listed', () => {
  it('"what commands are there" in a channel lists the channel\'s commands, each with the mention; a personal chat lists sign out instead', async () => {
    const channel = cardTexts(cardOf((await chat(h.botUrl, ALEX, { conversationType: 'channel' }).say('<at>Sentinel Incidents</at> what commands are there'))[0]));
    expect(channel).toContain('@Sentinel Incidents watch incidents');
    expect(channel.join(' ')).not.toContain('sign out');
    const personal = cardTexts(cardOf((await chat(h.botUrl).say('how do I use this'))[0]));
    expect(personal).toContain('sign out');
    expect(personal).not.toContain('watch incidents');
  });
});

describe('"Did you mean" fits the place', () => {
  it('in a personal chat, a message not understood offers my incidents and help', async () => {
    expect(suggested(cardOf((await chat(h.botUrl).say('the thing from yesterday'))[0]))).toEqual(['my incidents', 'help']);
  });

  it('in a channel, it offers loose ends and help (my incidents is a personal list), and a slip is offered fixed', async () => {
    const channel = chat(h.botUrl, ALEX, { conversationType: 'channel' });
    expect(suggested(cardOf((await channel.say('<at>Sentinel Incidents</at> the thing from yesterday'))[0]))).toEqual(['loose ends', 'help']);
    expect(suggested(cardOf((await channel.say('<at>Sentinel Incidents</at> add tsk to 405211: call HR'))[0]))[0]).toBe('add task to 405211: call HR');
  });
});
