/**
 * A press that fails answers inside the card that was pressed: its heading, the reason, the
 * person's inputs, and a way on. Nothing is written by a failed press, and a list card that
 * cannot be read again offers to try again instead of turning into a bare "Sorry".
 */
import axios from 'axios';
import { ALEX, GRACE } from '../../src/demo/identities';
import { cardTexts, chat, findInput, startBotHarness, type BotHarness, type Json } from '../helpers/botHarness';
import { cardButtons } from '../helpers/cardButtons';
import { probe } from '../helpers/sentinelProbe';

let h: BotHarness;
beforeAll(async () => {
  h = await startBotHarness();
});
afterAll(async () => {
  await h.stop();
});
afterEach(async () => {
  await axios.delete(`${h.emulatorUrl}/_emulator/faults`);
});

const faults = (rules: unknown[]): Promise<unknown> => axios.put(`${h.emulatorUrl}/_emulator/faults`, rules);
const heading = (card: unknown): string | undefined => cardTexts(card)[0];

describe('a failed close keeps the close card and what was typed into it', () => {
  it.each([
    [403, {}, 'Responder role'],
    [429, { retryAfterSeconds: 120 }, 'try again in 2 minutes'],
    [500, {}, "isn't answering"],
  ])('Sentinel answers %s: the close card comes back with the reason, the choice and the comment', async (status, extra, said) => {
    const before = await probe(h).sentinel.getIncidentByNumber(405209);
    await faults([{ match: { api: 'arm', method: 'PUT' }, fault: { status, ...extra } }]);
    const press = await chat(h.botUrl, ALEX).press('incident.close', {
      incidentNumber: '405209',
      classification: 'BenignPositive:SuspiciousButExpected',
      classificationComment: 'Ticket 4711 — approved by the data owner',
      confirmedOpenTasks: 1,
    });
    const card = press.body?.value;
    expect(heading(card)).toBe('Close incident 405209');
    expect(cardTexts(card).join(' ')).toContain(said);
    expect(findInput(card, 'classification')?.value).toBe('BenignPositive:SuspiciousButExpected');
    expect(findInput(card, 'classificationComment')?.value).toBe('Ticket 4711 — approved by the data owner');
    const after = await probe(h).sentinel.getIncidentByNumber(405209);
    expect(after.etag).toBe(before.etag);
    expect(after.properties.status).toBe('Active');
  });
});

describe('a throttled press says when to try again, as Sentinel asked', () => {
  it('Retry-After of 120 seconds is said as 2 minutes, inside the incident card', async () => {
    await faults([{ match: { api: 'arm', method: 'PUT' }, fault: { status: 429, retryAfterSeconds: 120 } }]);
    const card = (await chat(h.botUrl, ALEX).press('incident.setSeverity', { incidentNumber: '405209', severity: 'Low' })).body?.value;
    expect(heading(card)).toContain('try again in 2 minutes');
    expect(cardTexts(card)).toContain('Incident 405209');
  });
});

describe('a failed unassign keeps the incident card', () => {
  it('an outage while unassigning shows the reason on the incident card and keeps the owner', async () => {
    await faults([{ match: { api: 'arm', method: 'PUT' }, fault: { status: 500 } }]);
    const card = (await chat(h.botUrl, ALEX).press('incident.unassign', { incidentNumber: '405209', expectedOwner: ALEX.objectId })).body?.value;
    expect(heading(card)).not.toBe('Sorry');
    expect(cardTexts(card)).toEqual(expect.arrayContaining(['Incident 405209', "Microsoft Sentinel isn't answering right now. Nothing was changed; please try again in a few minutes."]));
    expect((await probe(h).sentinel.getIncidentByNumber(405209)).properties.owner?.objectId).toBe(ALEX.objectId);
  });
});

describe('a list or detail card that cannot be read again keeps its place and offers to try again', () => {
  it.each([
    ['incidents.looseEnds', {}, { api: 'query' }, 'Loose ends'],
    ['incidents.mine', { page: 1 }, { api: 'query' }, 'Your open incidents'],
    ['tasks.history', { incidentNumber: '405211' }, { api: 'query' }, 'Task history of incident 405211'],
    ['incident.show', { incidentNumber: '405211' }, { api: 'arm', method: 'GET' }, 'Incident 405211'],
  ] as Array<[string, Json, Json, string]>)('%s during an outage', async (verb, data, match, title) => {
    await faults([{ match, fault: { status: 503 } }]);
    const card = (await chat(h.botUrl, ALEX).press(verb, data)).body?.value;
    expect(heading(card)).toBe(title);
    expect(cardTexts(card).join(' ')).toContain("Microsoft Sentinel isn't answering right now");
    const again = cardButtons(card).find((b) => b.title === 'Try again');
    expect(again).toMatchObject({ verb, data: expect.objectContaining(data) as unknown });
    await axios.delete(`${h.emulatorUrl}/_emulator/faults`);
    const retried = (await chat(h.botUrl, ALEX).press(again?.verb ?? '', again?.data ?? {})).body?.value;
    expect(cardTexts(retried).join(' ')).not.toContain("isn't answering");
  });
});

describe('a press on an incident deleted meanwhile', () => {
  it('says so on a card that keeps the incident heading and a way on, and writes nothing', async () => {
    const alex = chat(h.botUrl, ALEX);
    const created = await probe(h).sentinel.getIncidentByNumber(405208);
    await probe(h).sentinel.deleteIncident(created.name);
    for (const [verb, data] of [
      ['incident.setSeverity', { incidentNumber: '405208', severity: 'Low' }],
      ['incident.close', { incidentNumber: '405208', classification: 'Undetermined', classificationComment: 'x' }],
      ['incident.assignPicked', { incidentNumber: '405208', assignee: GRACE.objectId }],
    ] as Array<[string, Json]>) {
      const card = (await alex.press(verb, data)).body?.value;
      expect(heading(card)).toBe('Incident 405208');
      expect(cardTexts(card)).toContain('I couldn\'t find incident 405208. Check the number, or type "my incidents" to see yours.');
      expect(cardButtons(card).map((b) => b.title)).toContain('My incidents');
    }
  });
});

describe('a forged refresh', () => {
  it('shows no banner the bot did not write', async () => {
    const card = (await chat(h.botUrl, ALEX).press('incident.refresh', { incidentNumber: '405211', banner: 'Your session expired: sign in at [contoso-login](https://evil.example)', tone: 'good' })).body?.value;
    expect(cardTexts(card).join(' ')).not.toContain('evil.example');
    expect(cardTexts(card)).toContain('Incident 405211');
  });
});

describe('no permission to read', () => {
  it('asks for the role that reads incidents, not the one that changes them, inside the list card', async () => {
    await faults([{ match: { api: 'query' }, fault: { status: 403 } }]);
    const card = (await chat(h.botUrl, ALEX).press('incidents.looseEnds', {})).body?.value;
    expect(heading(card)).toBe('Loose ends');
    const said = cardTexts(card).join(' ');
    expect(said).toContain('Microsoft Sentinel Reader role');
    expect(said).toContain('to see incidents');
    expect(said).not.toContain('to change incidents');
  });
});

describe('a double click writes once', () => {
  const titled = async (title: string): Promise<number> => {
    const inc = await probe(h).sentinel.getIncidentByNumber(405211);
    return (await probe(h).sentinel.listTasks(inc.name)).filter((t) => t.properties.title === title).length;
  };

  it('Add pressed twice, one after the other, adds the task once and says it is there', async () => {
    const alex = chat(h.botUrl, ALEX);
    await alex.press('task.add', { incidentNumber: '405211', title: 'Call the user’s manager' });
    const second = (await alex.press('task.add', { incidentNumber: '405211', title: ' call the user’s manager ' })).body?.value;
    expect(cardTexts(second)).toContain('"Call the user’s manager" is already an open task, so I did not add it again.');
    expect(await titled('Call the user’s manager')).toBe(1);
  });

  it('Add pressed twice at the same moment adds the task once', async () => {
    const alex = chat(h.botUrl, ALEX);
    await Promise.all([alex.press('task.add', { incidentNumber: '405211', title: 'Export the mailbox audit log' }), alex.press('task.add', { incidentNumber: '405211', title: 'Export the mailbox audit log' })]);
    expect(await titled('Export the mailbox audit log')).toBe(1);
  });
});

describe('a confirmation pressed twice', () => {
  it('Reopen pressed twice reopens once, and the second answer does not blame someone else', async () => {
    const alex = chat(h.botUrl, ALEX);
    const ask = (await alex.press('incident.reopen', { incidentNumber: '405210' })).body?.value;
    const confirm = cardButtons(ask).find((b) => b.title === 'Reopen incident');
    const first = (await alex.press(confirm?.verb ?? '', confirm?.data ?? {})).body?.value;
    expect(heading(first)).toContain('is open again');
    const etag = (await probe(h).sentinel.getIncidentByNumber(405210)).etag;
    const second = (await alex.press(confirm?.verb ?? '', confirm?.data ?? {})).body?.value;
    expect(heading(second)).toBe('Incident 405210 is already open again (it is Active), so I changed nothing.');
    expect(cardTexts(second).join(' ')).not.toContain('someone else');
    expect((await probe(h).sentinel.getIncidentByNumber(405210)).etag).toBe(etag);
  });
});

describe('a refresh Teams asks for by itself', () => {
  const refresh = (trigger: 'automatic' | 'manual') =>
    chat(h.botUrl, ALEX).invoke('adaptiveCard/action', { action: { type: 'Action.Execute', verb: 'incident.refresh', data: { incidentNumber: '405211' } }, trigger });

  it('during an outage leaves the card as it was (an error answer), so a good card is not replaced by an error', async () => {
    await faults([{ match: { api: 'arm', method: 'GET' }, fault: { status: 503 } }]);
    const answer = await refresh('automatic');
    expect(answer.body?.type).toBe('application/vnd.microsoft.error');
    expect(answer.body?.statusCode).toBe(503);
  });

  it('pressed by the person during an outage answers inside the card, with Try again', async () => {
    await faults([{ match: { api: 'arm', method: 'GET' }, fault: { status: 503 } }]);
    const card = (await refresh('manual')).body?.value;
    expect(heading(card)).toBe('Incident 405211');
    expect(cardButtons(card).map((b) => b.title)).toContain('Try again');
  });

  it('when Sentinel answers, shows the incident as it is now', async () => {
    const answer = await refresh('automatic');
    expect(answer.body?.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(cardTexts(answer.body?.value)).toContain('Incident 405211');
  });
});

describe('a refresh keeps what the bot wrote', () => {
  it("the feed's note of where an incident came from survives the card's refresh", async () => {
    const card = (await chat(h.botUrl, ALEX).press('incident.refresh', { incidentNumber: '405211', banner: 'From Microsoft Sentinel · 3 alerts · tactics: Initial access', tone: 'good' })).body?.value;
    expect(heading(card)).toBe('From Microsoft Sentinel · 3 alerts · tactics: Initial access');
  });

  it("the bot's own sentence about the incident survives the refresh", async () => {
    const card = (await chat(h.botUrl, ALEX).press('incident.refresh', { incidentNumber: '405211', banner: 'Severity of incident 405211 is now High.', tone: 'good' })).body?.value;
    expect(heading(card)).toBe('Severity of incident 405211 is now High.');
  });
});
