/** "show tasks for N", "assign N to me", "show N" against the emulator's demo data. */
import { ADA, ALEX, GRACE, ISAIAH } from '../../src/demo/identities';
import { cardOf, cardTexts, chat, startBotHarness, type BotHarness } from '../helpers/botHarness';
import { startFakeConnector } from '../helpers/fakeConnector';
import { probe } from '../helpers/sentinelProbe';

let h: BotHarness;
beforeAll(async () => {
  h = await startBotHarness();
});
afterAll(async () => {
  await h.stop();
});

describe('show tasks', () => {
  it('lists the two remaining tasks of the walkthrough incident, without the deleted one', async () => {
    const replies = await chat(h.botUrl).say('show tasks for 405211');
    const texts = cardTexts(cardOf(replies[0]));
    expect(texts).toEqual(
      expect.arrayContaining([
        'Tasks of incident 405211',
        "1. Revoke the user's sessions and reset the password",
        '2. Remove the forwarding rule and check for other rules',
        '1 task still open, 1 done',
      ]),
    );
    expect(texts.join(' ')).not.toContain('This task is a test task!');
    expect(texts.find((t) => t.startsWith('Created by Ada Lovelace') && t.includes('Completed by Ada Lovelace'))).toBeDefined();
  });

  it('sends a typing indicator to the chat while it queries, then the answer', async () => {
    const connector = await startFakeConnector();
    try {
      await chat(h.botUrl, ALEX, { serviceUrl: connector.url, deliveryMode: 'normal' }).raw({
        type: 'message', text: 'tasks 405211', channelId: 'msteams', serviceUrl: connector.url, id: 'typing-1',
        from: { id: 'u', name: 'Alex Wilber', aadObjectId: ALEX.objectId }, recipient: { id: 'bot' }, conversation: { id: 'typing-check' },
      });
      await connector.waitFor((c) => c.method === 'POST' && c.body.type === 'message');
      const types = connector.calls.filter((c) => c.method === 'POST' && c.path.includes('/conversations/typing-check/activities')).map((c) => c.body.type);
      expect(types).toEqual(['typing', 'message']);
    } finally {
      await connector.close();
    }
  });

  it('sends no typing indicator when all replies come back at once (expectReplies): it would arrive with the answer', async () => {
    const res = await chat(h.botUrl).raw({
      type: 'message', text: 'tasks 405211', channelId: 'msteams', serviceUrl: 'http://127.0.0.1:9/', deliveryMode: 'expectReplies',
      from: { id: 'u', name: 'Alex Wilber', aadObjectId: ALEX.objectId }, recipient: { id: 'bot' }, conversation: { id: 'typing-check-2' },
    });
    expect(((res.data as { activities: Array<{ type: string }> }).activities ?? []).map((a) => a.type)).toEqual(['message']);
  });

  it('says clearly when the incident does not exist', async () => {
    const replies = await chat(h.botUrl).say('show tasks for 999999');
    expect(replies.map((r) => r.text).join(' ')).toContain("I couldn't find incident 999999");
  });

  it('says when an incident has no tasks', async () => {
    const texts = cardTexts(cardOf((await chat(h.botUrl).say('tasks 405208'))[0]));
    expect(texts).toContain('This incident has no tasks yet.');
  });

  it('asks for the number when it is missing', async () => {
    const replies = await chat(h.botUrl).say('show tasks');
    expect(replies[0]?.text).toContain('show tasks for 405211');
  });
});

describe('assign to me', () => {
  it('makes the sender the owner with read-modify-write, keeping the other fields', async () => {
    const before = await probe(h).sentinel.getIncidentByNumber(405208);
    const replies = await chat(h.botUrl, ALEX).say('assign 405208 to me');
    const texts = cardTexts(cardOf(replies[0]));
    expect(texts).toEqual(expect.arrayContaining(['Incident 405208 is now assigned to you, Alex Wilber.', 'Alex Wilber']));
    const after = await probe(h).sentinel.getIncidentByNumber(405208);
    expect(after.properties.owner).toMatchObject({ objectId: ALEX.objectId, assignedTo: 'Alex Wilber', ownerType: 'User' });
    expect(after.properties.labels).toEqual(before.properties.labels);
    expect(after.properties.severity).toBe(before.properties.severity);
    expect(after.etag).not.toBe(before.etag);
  });

  it('says so when the sender already owns it, without writing', async () => {
    const before = await probe(h).sentinel.getIncidentByNumber(405210);
    expect(before.properties.owner?.objectId).toBe(ADA.objectId);
    const replies = await chat(h.botUrl, ADA).say('assign 405210 to me');
    expect(cardTexts(cardOf(replies[0]))).toContain('You already own incident 405210.');
    expect((await probe(h).sentinel.getIncidentByNumber(405210)).etag).toBe(before.etag);
  });

  it('confirms before taking an incident someone else owns, from the card button too', async () => {
    const before = await probe(h).sentinel.getIncidentByNumber(405211);
    expect(before.properties.owner?.objectId).toBe(ADA.objectId);
    const alex = chat(h.botUrl, ALEX);
    const ask = await alex.press('incident.assignToMe', { incidentNumber: '405211' });
    expect(ask.body?.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(cardTexts(ask.body?.value)).toEqual(expect.arrayContaining(['Take incident 405211 from Ada Lovelace?', 'Take it', 'Keep Ada Lovelace']));
    expect((await probe(h).sentinel.getIncidentByNumber(405211)).etag).toBe(before.etag);
    const takeIt = ((ask.body?.value as { actions: Array<{ title: string; verb: string; data: Record<string, unknown> }> }).actions).find((a) => a.title === 'Take it');
    expect(takeIt?.verb).toBe('incident.takeOver');
    const done = await alex.press(takeIt?.verb ?? '', takeIt?.data ?? {});
    expect(cardTexts(done.body?.value)).toContain('Incident 405211 is now assigned to you, Alex Wilber.');
    // Its owner is not offered "Assign to me".
    expect(cardTexts(done.body?.value)).not.toContain('Assign to me');
    expect(cardTexts(cardOf((await chat(h.botUrl, ADA).say('show 405211'))[0]))).toContain('Assign to me');
  });

  it('asks again when the incident changed hands before "Take it" was pressed', async () => {
    const ask = await chat(h.botUrl, GRACE).press('incident.assignToMe', { incidentNumber: '405211' });
    expect(cardTexts(ask.body?.value)).toContain('Take incident 405211 from Alex Wilber?');
    await chat(h.botUrl, ISAIAH).press('incident.takeOver', { incidentNumber: '405211', expectedOwner: ALEX.objectId });
    const again = await chat(h.botUrl, GRACE).press('incident.takeOver', { incidentNumber: '405211', expectedOwner: ALEX.objectId });
    expect(cardTexts(again.body?.value)).toEqual(expect.arrayContaining(['Incident 405211 changed hands', 'Keep Isaiah Langer']));
    expect((await probe(h).sentinel.getIncidentByNumber(405211)).properties.owner?.objectId).toBe(ISAIAH.objectId);
  });

  it('explains an invalid Teams identity instead of failing', async () => {
    const replies = await chat(h.botUrl, { objectId: '00000000-0000-0000-0000-0000000000020', name: 'Alex Wilber' }).say('assign 405209 to me');
    expect(replies[0]?.text).toContain("didn't come with a valid Microsoft Entra object id");
  });

  it('answers an unknown incident clearly', async () => {
    const replies = await chat(h.botUrl).say('assign 123456 to me');
    expect(replies[0]?.text).toContain("I couldn't find incident 123456");
  });
});

describe('show incident and help', () => {
  it('shows the incident card', async () => {
    const texts = cardTexts(cardOf((await chat(h.botUrl).say('status of #405207'))[0]));
    expect(texts).toEqual(expect.arrayContaining(['Incident 405207', 'Closed', 'Grace Hopper', 'identity']));
  });

  it('shows help with examples, and a hint for unknown text', async () => {
    expect(cardTexts(cardOf((await chat(h.botUrl).say('help'))[0]))).toEqual(expect.arrayContaining(['show tasks for 405211', 'assign 405211 to me', 'Report suspicious activity']));
    const hint = cardTexts(cardOf((await chat(h.botUrl).say('good morning'))[0]));
    expect(hint).toEqual(expect.arrayContaining(["I didn't catch that", 'Show help']));
  });

  it('gives help that fits the place: mention the bot in channels and group chats, plain commands in a personal chat', async () => {
    const channel = cardTexts(cardOf((await chat(h.botUrl, ALEX, { conversationType: 'channel' }).say('<at>Sentinel Incidents</at> help'))[0]));
    expect(channel).toContain('@Sentinel Incidents show tasks for 405211');
    expect(channel.join(' ')).toContain('In a channel, start each message with @Sentinel Incidents');
    const group = cardTexts(cardOf((await chat(h.botUrl, ALEX, { conversationType: 'groupChat' }).say('help'))[0]));
    expect(group.join(' ')).toContain('In a group chat, start each message with @Sentinel Incidents');
    expect(group).toContain('@Sentinel Incidents assign 405211 to @Ada');
    const personal = cardTexts(cardOf((await chat(h.botUrl, ALEX).say('help'))[0]));
    expect(personal).toContain('show tasks for 405211');
    expect(personal.join(' ')).not.toContain('@Sentinel Incidents');
  });

  it('suggests what a misspelt message probably meant as buttons, and a button runs exactly that', async () => {
    const card = cardOf((await chat(h.botUrl).say('hstry 405211'))[0]);
    const texts = cardTexts(card);
    expect(texts).toEqual(expect.arrayContaining(["I didn't catch that", 'history 405211', 'show 405211', 'show tasks for 405211', 'Show help']));
    const answer = await chat(h.botUrl).press('suggestion.run', { text: 'history 405211' });
    expect(cardTexts(answer.body?.value).join(' ')).toContain('405211');
    expect(cardTexts(answer.body?.value)).not.toContain("I didn't catch that");
    // A forged suggestion that is not a command shows help instead of guessing.
    expect(cardTexts((await chat(h.botUrl).press('suggestion.run', { text: 'rm -rf' })).body?.value)).toContain('Report suspicious activity');
  });

  it('starts the report from the help card button, replacing the card', async () => {
    const answer = await chat(h.botUrl).press('report.start', {});
    expect(cardTexts(answer.body?.value)).toContain('Report suspicious activity');
  });
});
