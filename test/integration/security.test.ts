/**
 * Who gets in and who may change what. Each protection is proven by a request that it
 * must stop, and by checking that nothing reached Sentinel.
 */
import axios from 'axios';
import { ADA, ALEX, DEMO_TENANT_ID } from '../../src/demo/identities';
import { cardOf, cardTexts, chat, startBotHarness, type BotHarness } from '../helpers/botHarness';
import { probe } from '../helpers/sentinelProbe';

async function emulatorRequests(h: BotHarness): Promise<number> {
  return ((await axios.get(`${h.emulatorUrl}/_emulator/stats`)).data as { total: number }).total;
}

describe('inbound authentication (MicrosoftAppId configured)', () => {
  let h: BotHarness;
  beforeAll(async () => {
    h = await startBotHarness({ MicrosoftAppId: '7d3e8f1a-2b4c-4d5e-9f6a-7b8c9d0e1f2a', MicrosoftAppPassword: 'not-a-real-secret', MicrosoftAppType: 'MultiTenant', HOST: '127.0.0.1' });
  });
  afterAll(async () => h.stop());

  const activity = { type: 'message', text: 'assign 405211 to me', channelId: 'msteams', serviceUrl: 'http://127.0.0.1:9/', from: { id: 'u', aadObjectId: ALEX.objectId }, recipient: { id: 'bot' }, conversation: { id: 'c' } };

  it.each([
    ['no Authorization header', {}],
    ['a malformed token', { Authorization: 'Bearer not-a-jwt' }],
    ['a token of the wrong scheme', { Authorization: 'Basic YWxhZGRpbjpvcGVuc2VzYW1l' }],
  ])('answers 401 to %s and does nothing', async (_name, headers) => {
    const before = await emulatorRequests(h);
    const res = await axios.post(`${h.botUrl}/api/messages`, activity, { headers, validateStatus: () => true });
    expect(res.status).toBe(401);
    expect(await emulatorRequests(h)).toBe(before);
    expect((await probe(h).sentinel.getIncidentByNumber(405211)).properties.owner?.objectId).toBe(ADA.objectId);
  });

  it('still answers the health probes', async () => {
    expect((await axios.get(`${h.botUrl}/healthz`)).status).toBe(200);
    expect((await axios.get(`${h.botUrl}/readyz`)).data).toEqual({ status: 'ready' });
  });
});

describe('tenants and responders', () => {
  let h: BotHarness;
  beforeAll(async () => {
    h = await startBotHarness({ ALLOWED_TENANT_IDS: DEMO_TENANT_ID, RESPONDER_OBJECT_IDS: ADA.objectId });
  });
  afterAll(async () => h.stop());

  it('listens on 127.0.0.1 when no app id is configured', () => {
    expect(h.botUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('refuses another tenant, with one sentence and no call to Sentinel', async () => {
    const before = await emulatorRequests(h);
    const replies = await chat(h.botUrl, ALEX, { tenantId: '0badbad0-0000-4000-8000-000000000000' }).say('show tasks for 405211');
    expect(replies.map((r) => r.text)).toEqual(["This bot only serves its own organization's tenant."]);
    const press = await chat(h.botUrl, ALEX, { tenantId: '0badbad0-0000-4000-8000-000000000000' }).press('incident.assignToMe', { incidentNumber: 405211 });
    expect(press.status).toBe(403);
    expect(await emulatorRequests(h)).toBe(before);
  });

  it('lets anyone in the tenant read and report, but only responders change incidents', async () => {
    expect(cardTexts(cardOf((await chat(h.botUrl, ALEX).say('show tasks for 405211'))[0]))).toContain('Tasks of incident 405211');
    const before = await probe(h).sentinel.getIncidentByNumber(405209);
    for (const text of ['assign 405209 to me', 'set severity of 405209 to low', 'close 405209', 'comment 405209 hi', 'complete task 1 of 405209', 'add task x to 405209']) {
      const replies = await chat(h.botUrl, ALEX).say(text);
      expect(replies.map((r) => r.text).join(' ')).toContain('Only SOC responders can change incidents');
    }
    const press = await chat(h.botUrl, ALEX).press('incident.setSeverity', { incidentNumber: 405209, severity: 'Low' });
    expect(cardTexts(press.body?.value).join(' ')).toContain('Only SOC responders can change incidents');
    const after = await probe(h).sentinel.getIncidentByNumber(405209);
    expect(after.etag).toBe(before.etag);
    expect(cardTexts(cardOf((await chat(h.botUrl, ADA).say('set severity of 405209 to low'))[0]))).toContain('Severity of incident 405209 is now Low.');
  });
});
