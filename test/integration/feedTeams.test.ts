/**
 * Added to a team, the bot reads the team's channels from the connector and keeps them: the
 * welcome in General names them and says how to watch, and `watch incidents in #soc` from
 * General points the feed at that channel. Real bot and emulator, a local stand-in for Teams.
 */
import { randomUUID } from 'node:crypto';
import { ALEX, DEMO_TENANT_ID } from '../../src/demo/identities';
import { chat, startBotHarness, type Activity, type BotHarness, type Json } from '../helpers/botHarness';
import { startFakeConnector, type FakeConnector } from '../helpers/fakeConnector';
import { probe } from '../helpers/sentinelProbe';

const TEAM = '19:team-general@thread.tacv2';
const SOC = '19:soc-alerts@thread.tacv2';
const BOT = { id: '28:sentinel-teams-bot', name: 'Sentinel Incidents' };
let h: BotHarness;
let connector: FakeConnector;

beforeAll(async () => {
  connector = await startFakeConnector({}, { [TEAM]: [{ id: TEAM }, { id: SOC, name: 'SOC' }, { id: '19:hunt@thread.tacv2', name: 'Threat hunting' }] });
  h = await startBotHarness({ INCIDENT_FEED_POLL_MS: '3600000' });
}, 30000);
afterAll(async () => {
  await h.stop();
  await connector.close();
});

function inTeam(activity: Json, conversationId = TEAM): Json {
  return {
    id: randomUUID(), channelId: 'msteams', serviceUrl: connector.url, deliveryMode: 'expectReplies', locale: 'en-US',
    from: { id: `user-${ALEX.objectId}`, name: ALEX.name, aadObjectId: ALEX.objectId }, recipient: BOT,
    conversation: { id: conversationId, conversationType: 'channel', isGroup: true, tenantId: DEMO_TENANT_ID },
    channelData: { tenant: { id: DEMO_TENANT_ID }, team: { id: TEAM, name: 'Security' }, channel: { id: conversationId } },
    ...activity,
  };
}

async function send(activity: Json): Promise<string> {
  const res = await chat(h.botUrl).raw(activity);
  expect(res.status).toBe(200);
  return (((res.data as { activities?: Activity[] }).activities ?? []) as Activity[]).map((a) => a.text ?? '').join(' ');
}

const say = (text: string, conversationId = TEAM): Promise<string> => send(inTeam({ type: 'message', text }, conversationId));

describe("the team's channels", () => {
  it('are read when the bot is added to the team, and the welcome in General says how to watch', async () => {
    const welcome = await send(inTeam({ type: 'conversationUpdate', membersAdded: [BOT], channelData: { tenant: { id: DEMO_TENANT_ID }, team: { id: TEAM, name: 'Security' }, eventType: 'teamMemberAdded' } }));
    expect(connector.calls.filter((c) => c.method === 'GET' && c.path === `/v3/teams/${TEAM}/conversations`)).toHaveLength(1);
    expect(welcome).toMatch(/^Hi! I help your SOC/);
    expect(welcome).toContain('(General, SOC, Threat hunting)');
    expect(welcome).toContain('"watch incidents in #SOC"');
  });

  it('let General point the feed at another channel by name, and refuse a name the team does not have', async () => {
    expect(await say('watch incidents in #nowhere')).toMatch(/no channel called "nowhere".*General, SOC, Threat hunting/);
    expect(await say('watch urgent incidents in #soc')).toMatch(/"urgent".*changed nothing/);
    expect(await say('what are you watching?')).toMatch(/not watching/i);

    expect(await say('watch high incidents in #soc')).toContain("I'll post High incidents in SOC");
    expect(await say('what are you watching?', SOC)).toContain('High incidents');
    expect(await say('what are you watching?')).toMatch(/not watching/i);
    expect(await say('watch incidents in this channel', '19:hunt@thread.tacv2')).toContain("I'll post all incidents here");
    expect(await say('unwatch', '19:hunt@thread.tacv2')).toMatch(/no longer post/);

    await h.app.pollFeed!(); // starts from now
    await probe(h).sentinel.createOrUpdateIncident(randomUUID(), { properties: { title: 'Ransomware note found', severity: 'High', status: 'New' } });
    await h.app.pollFeed!();
    const posted = connector.calls.filter((c) => c.method === 'POST' && JSON.stringify(c.body).includes('Ransomware note found'));
    expect(posted.map((c) => c.path)).toEqual([`/v3/conversations/${SOC}/activities`]);
  });
});
