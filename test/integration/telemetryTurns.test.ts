/**
 * Telemetry of real turns: the real bot over HTTP against the emulator, with an in-memory
 * OpenTelemetry pipeline. A command in a channel and a button press each give a turn span
 * with what ran and how it ended, and child spans for the Azure calls it made; no message
 * text, name, user id or incident title reaches a span or a metric.
 */
import { SpanKind } from '@opentelemetry/api';
import { ALEX, DEMO_TENANT_ID } from '../../src/demo/identities';
import { allAttributeValues, memoryTelemetry, type MemoryTelemetry } from '../helpers/memoryTelemetry';
import { chat, startBotHarness, type BotHarness } from '../helpers/botHarness';
import { startFakeConnector, type FakeConnector } from '../helpers/fakeConnector';

const SOC_CHANNEL = '19:soc-incidents@thread.tacv2';
let h: BotHarness;
let t: MemoryTelemetry;
let connector: FakeConnector;
beforeAll(async () => {
  t = memoryTelemetry();
  connector = await startFakeConnector();
  h = await startBotHarness({ SOC_CHANNEL_CONVERSATION_ID: SOC_CHANNEL }, {}, undefined, { telemetry: t.telemetry });
});
afterAll(async () => {
  await h.stop();
  await connector.close();
});

const turnSpans = (): ReturnType<MemoryTelemetry['spans']> => t.spans().filter((s) => s.name === 'bot.turn');

describe('telemetry of turns', () => {
  it('a command in a channel: one turn span naming the command, with its Azure calls as children', async () => {
    const before = turnSpans().length;
    const c = chat(h.botUrl, ALEX, { conversationType: 'channel', conversationId: '19:soc-general@thread.tacv2' });
    await c.say('<at>Sentinel Incidents</at> assign 405208 to me please, Alex here');
    const turn = turnSpans()[before]!;
    expect(turn.attributes).toMatchObject({
      'bot.activity.type': 'message',
      'bot.channel': 'msteams',
      'bot.conversation.type': 'channel',
      'bot.command': 'assignToMe',
      'bot.outcome': 'ok',
    });
    expect(turn.attributes['bot.correlation_id']).toMatch(/^[0-9a-f-]{36}$/);
    const calls = t.spans().filter((s) => s.kind === SpanKind.CLIENT && s.parentSpanContext?.spanId === turn.spanContext().spanId);
    expect(calls.length).toBeGreaterThanOrEqual(2);
    expect(calls.map((s) => s.attributes['http.request.method'])).toEqual(expect.arrayContaining(['GET', 'PUT']));
    for (const call of calls) {
      expect(call.attributes['http.response.status_code']).toBeGreaterThanOrEqual(200);
      expect(String(call.attributes['url.template'])).not.toMatch(/405208|405211|[0-9a-f]{8}-[0-9a-f]{4}/);
      expect(call.endTime[0] * 1e9 + call.endTime[1]).toBeGreaterThanOrEqual(call.startTime[0] * 1e9 + call.startTime[1]);
    }
  });

  it('a failed command ends with its error code as the outcome', async () => {
    const before = turnSpans().length;
    await chat(h.botUrl).say('show tasks for 999999');
    const turn = turnSpans()[before]!;
    expect(turn.attributes).toMatchObject({ 'bot.command': 'showTasks', 'bot.outcome': 'INCIDENT_NOT_FOUND' });
    const points = await t.metrics();
    expect(points.find((p) => p.name === 'bot.turns' && p.attributes['bot.outcome'] === 'INCIDENT_NOT_FOUND')).toMatchObject({ value: 1, attributes: { 'bot.command': 'showTasks', 'bot.conversation.type': 'personal' } });
  });

  it('a button press names its verb; a verb the bot does not know is recorded as unknownVerb, not as sent', async () => {
    const before = turnSpans().length;
    const c = chat(h.botUrl);
    await c.press('incident.refresh', { incidentNumber: 405211 });
    await c.press('evil.injectedVerbNameWithPersonalDataAlexWilber', {});
    const [known, unknown] = turnSpans().slice(before);
    expect(known?.attributes).toMatchObject({ 'bot.activity.type': 'invoke', 'bot.command': 'incident.refresh', 'bot.outcome': 'ok' });
    expect(unknown?.attributes['bot.command']).toBe('unknownVerb');
  });

  it("counts the bot's own posts to the SOC channel", async () => {
    await chat(h.botUrl, ALEX, { serviceUrl: connector.url }).say('unassign 405208');
    await connector.waitFor((c) => c.method === 'POST' && c.path.startsWith(`/v3/conversations/${SOC_CHANNEL}/activities`));
    const posts = (await t.metrics()).filter((p) => p.name === 'bot.channel_posts');
    expect(posts.find((p) => p.attributes['bot.post.outcome'] === 'posted')?.value).toBe(1);
    // The first test's post went to a service URL where nothing listens: counted as failed, not as sent.
    expect(posts.find((p) => p.attributes['bot.post.outcome'] === 'failed')?.value).toBe(1);
    // A proactive post is not a turn of its own.
    expect(turnSpans().filter((s) => s.attributes['bot.activity.type'] === 'event')).toEqual([]);
  });

  it('counts turns and commands as metrics, and nothing in any span or metric is personal or typed text', async () => {
    const points = await t.metrics();
    expect(points.filter((p) => p.name === 'bot.commands').map((p) => p.attributes['bot.command'])).toEqual(expect.arrayContaining(['assignToMe', 'showTasks', 'incident.refresh']));
    expect(points.some((p) => p.name === 'bot.turn.duration' && p.value > 0)).toBe(true);
    const values = allAttributeValues(t.spans(), points).join('\n');
    for (const personal of ['Alex', ALEX.objectId, `user-${ALEX.objectId}`, DEMO_TENANT_ID, 'please', '405211', '999999', 'Suspicious inbox rule', '19:soc-general', 'AlexWilber', 'soc-incidents', '405208']) {
      expect(values).not.toContain(personal);
    }
  });
});
