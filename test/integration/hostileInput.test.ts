/**
 * Hostile and broken input, table-driven: each gets a clear answer (or a 4xx), nothing is
 * created or changed unless the input is legitimate text, and the bot keeps serving.
 */
import axios from 'axios';
import { ALEX } from '../../src/demo/identities';
import { cardOf, cardTexts, chat, findInput, startBotHarness, submissionIdOf, type BotHarness, type Json } from '../helpers/botHarness';
import { probe } from '../helpers/sentinelProbe';

let h: BotHarness;
beforeAll(async () => {
  h = await startBotHarness();
});
afterAll(async () => h.stop());

async function snapshot(): Promise<string> {
  const incidents = await probe(h).sentinel.listIncidents({ top: 1000 });
  return JSON.stringify(incidents.map((i) => [i.name, i.etag]).sort());
}

async function stillServing(): Promise<void> {
  expect(cardTexts(cardOf((await chat(h.botUrl).say('help'))[0]))).toContain('Sentinel incident bot');
}

describe('typed text', () => {
  const rows: Array<[string, RegExp]> = [
    // The number is taken as a checked integer; the rest of the text never reaches a query.
    ['show tasks for 405211 | union SecurityAlert', /Tasks of incident 405211/],
    ['tasks 405211" or 1==1 //', /show tasks for 405211/],
    ['show tasks for 4052119999999', /show tasks for 405211/],
    ['complete task x" | where 1==1 of 405211', /couldn't find that task/],
    ['set severity of 405211 to ${severity}', /Choose a severity|set severity of 405211 to high/],
    ['comment 405211 ' + 'x'.repeat(40000), /at most 29800 characters/],
    ['\u200B\u200D\u202E', /didn't catch that|what I can do/],
    ['<script>alert(1)</script>', /didn't catch that/],
  ];
  it.each(rows)('%j gets a clear answer and changes nothing', async (text, answer) => {
    const before = await snapshot();
    const replies = await chat(h.botUrl).say(text);
    const all = replies.flatMap((r) => [r.text ?? '', ...cardTexts(cardOf(r))]).join(' ');
    expect(all).toMatch(answer);
    expect(all).not.toMatch(/Error:|at .*\.ts:\d+|stack/i);
    expect(await snapshot()).toBe(before);
    await stillServing();
  });
});

describe('card submissions', () => {
  async function formId(): Promise<{ c: ReturnType<typeof chat>; id: string }> {
    const c = chat(h.botUrl);
    return { c, id: submissionIdOf(cardOf((await c.say('report'))[0])) };
  }

  const bad: Array<[string, Json, RegExp]> = [
    ['a 5001-character description', { title: 't', description: 'd'.repeat(5001) }, /at most 5000 characters/],
    ['thousands of tags', { title: 't', tags: Array.from({ length: 3000 }, (_, i) => `tag${i}`).join(',') }, /characters in all/],
    ['a null title', { title: null, severity: 'High' }, /Give the incident a title/],
    ['wrongly typed fields', { title: { $gt: '' }, severity: 5, tags: ['a'] }, /must be text/],
    ['a zero-width title', { title: '\u200B\u200B' }, /Give the incident a title/],
    ['an unknown severity', { title: 't', severity: 'Apocalyptic' }, /Choose a severity/],
    ['an owner that is neither a choice nor an id', { title: 't', owner: "'; DROP TABLE incidents; --" }, /Assign to me/],
  ];
  it.each(bad)('%s: the form comes back with the error, nothing is created', async (_name, fields, message) => {
    const before = await snapshot();
    const { c, id } = await formId();
    const res = await c.press('report.submit', { ...fields, submissionId: id });
    expect(res.status).toBe(200);
    expect(cardTexts(res.body?.value).join(' ')).toMatch(message);
    expect(await snapshot()).toBe(before);
  });

  it('shows template syntax, Markdown and HTML in titles exactly as typed', async () => {
    const title = '${title} {{user.name}} **bold** [x](https://evil.example) <img src=x onerror=alert(1)> 🚨 رسالة';
    const { c, id } = await formId();
    const review = await c.press('report.submit', { title, severity: 'Low', submissionId: id });
    expect(cardTexts(review.body?.value)).toContain(title);
    const created = await c.press('report.create', { submissionId: id });
    const number = Number(/Incident (\d+)/.exec(cardTexts(created.body?.value).join(' '))?.[1]);
    expect((await probe(h).sentinel.getIncidentByNumber(number)).properties.title).toBe(title);
    expect(JSON.stringify(created.body?.value)).toContain('"type":"TextRun","text":"${title} {{user.name}}');
  });

  it('ignores extra fields and other ids in a forged payload', async () => {
    const { c, id } = await formId();
    const review = await c.press('report.submit', { title: 'forged', severity: 'Low', submissionId: id, properties: { owner: { objectId: 'x' } }, incidentNumber: 1, aadObjectId: '00000000-0000-0000-0000-000000000001' });
    expect(cardTexts(review.body?.value)).toContain('Review your report');
    expect(JSON.stringify(review.body?.value)).not.toContain('00000000-0000-0000-0000-000000000001');
  });

  it.each([
    ['incident.assignToMe', { incidentNumber: '405211; drop' }, /no valid incident number/],
    ['incident.assignToMe', { incidentNumber: -1 }, /no valid incident number/],
    ['task.complete', { incidentNumber: 405211, taskId: '../../other' }, /couldn't find that task/],
    ['report.create', { submissionId: 'someone-elses-submission' }, /cancelled or has expired/],
    ['report.create', { submissionId: '11111111-2222-4333-8444-555555555555' }, /cancelled or has expired/],
    ['no.such.verb', {}, /not supported any more/],
  ])('%s with %j gets a clear card and changes nothing', async (verb, data, message) => {
    const before = await snapshot();
    const res = await chat(h.botUrl).press(verb, data);
    expect(res.status).toBe(200);
    expect(cardTexts(res.body?.value).join(' ')).toMatch(message);
    expect(await snapshot()).toBe(before);
  });

  it('a press on a card that is not Action.Execute, or has no verb, is a 400', async () => {
    const res = await chat(h.botUrl).raw({
      type: 'invoke', name: 'adaptiveCard/action', channelId: 'msteams', serviceUrl: 'http://127.0.0.1:9/', from: { id: 'u', aadObjectId: ALEX.objectId }, recipient: { id: 'b' }, conversation: { id: 'c' },
      value: { action: { type: 'Action.Execute' } },
    });
    expect(res.status).toBe(400);
    await stillServing();
  });
});

describe('HTTP level', () => {
  it('refuses an oversized body with 413', async () => {
    const res = await axios.post(`${h.botUrl}/api/messages`, { type: 'message', text: 'x'.repeat(300 * 1024) }, { validateStatus: () => true });
    expect(res.status).toBe(413);
    await stillServing();
  });

  it('refuses malformed JSON with 400', async () => {
    const res = await axios.post(`${h.botUrl}/api/messages`, '{"type": "message", ', { headers: { 'Content-Type': 'application/json' }, validateStatus: () => true });
    expect(res.status).toBe(400);
    await stillServing();
  });

  it.each([['unknownType'], ['messageReaction'], ['typing'], ['event']])('takes an activity of type %s without crashing', async (type) => {
    const res = await chat(h.botUrl).raw({ type, channelId: 'msteams', serviceUrl: 'http://127.0.0.1:9/', from: { id: 'u', aadObjectId: ALEX.objectId }, recipient: { id: 'b' }, conversation: { id: 'c' }, deliveryMode: 'expectReplies' });
    expect(res.status).toBeLessThan(500);
    await stillServing();
  });

  it('keeps what the person typed when a field is invalid', async () => {
    const c = chat(h.botUrl);
    const id = submissionIdOf(cardOf((await c.say('report keep me'))[0]));
    const res = await c.press('report.submit', { title: '', description: 'keep this text', severity: 'High', tags: 'a, b', submissionId: id });
    expect(findInput(res.body?.value, 'description')?.value).toBe('keep this text');
    expect(findInput(res.body?.value, 'tags')?.value).toBe('a, b');
  });
});
