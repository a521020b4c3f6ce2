/**
 * The channel feed through the real bot and the real emulator over HTTP, with a local stand-in
 * for the Teams connector: a channel watches, new incidents arrive as one card each, changes
 * update that card in place, a burst becomes one digest, and Teams' throttling is waited out.
 */
import { randomUUID } from 'node:crypto';
import axios from 'axios';
import { startBotHarness, chat, type BotHarness, type Chat } from '../helpers/botHarness';
import { startFakeConnector, type ConnectorCall, type FakeConnector } from '../helpers/fakeConnector';
import { probe } from '../helpers/sentinelProbe';
import type { SentinelClient } from '../../src/sentinel/sentinelClient';

let h: BotHarness;
let connector: FakeConnector;
let sentinel: SentinelClient;
let channel: Chat;
const CHANNEL = '19:soc-channel@thread.tacv2';

// Polls only when the test says so: the feed's timer would make counts depend on timing.
beforeAll(async () => {
  connector = await startFakeConnector();
  h = await startBotHarness({ INCIDENT_FEED_POLL_MS: '3600000', INCIDENT_FEED_BURST_THRESHOLD: '150' });
  sentinel = probe(h).sentinel;
  channel = chat(h.botUrl, undefined, { conversationId: CHANNEL, conversationType: 'channel', serviceUrl: connector.url });
}, 30000);
afterAll(async () => {
  await h.stop();
  await connector.close();
});

const poll = () => h.app.pollFeed!();
const posts = (): ConnectorCall[] => connector.calls.filter((c) => c.method === 'POST' && c.status === 200 && c.path === `/v3/conversations/${CHANNEL}/activities` && isFeedCard(c));
const updates = (): ConnectorCall[] => connector.calls.filter((c) => c.method === 'PUT' && c.path.includes(`/conversations/${CHANNEL}/activities/`));

function isFeedCard(c: ConnectorCall): boolean {
  return JSON.stringify(c.body).includes('application/vnd.microsoft.card.adaptive');
}

async function create(title: string): Promise<string> {
  const name = randomUUID();
  await sentinel.createOrUpdateIncident(name, { properties: { title, severity: 'High', status: 'New' } });
  return name;
}

function textOf(replies: Array<{ text?: string }>): string {
  return replies.map((r) => r.text ?? '').join(' ');
}

describe('the SOC channel feed', () => {
  it('a channel watches, says what it watches, and refuses filters it cannot read', async () => {
    expect(textOf(await channel.say('what are you watching?'))).toMatch(/not watching/i);
    expect(textOf(await channel.say('watch urgent incidents'))).toMatch(/"urgent".*changed nothing/);
    expect(textOf(await channel.say('watch incidents'))).toMatch(/post all incidents here/);
    expect(textOf(await channel.say('what are you watching?'))).toMatch(/all incidents/);
    expect(textOf(await chat(h.botUrl).say('watch incidents'))).toMatch(/channel or group chat/);
    await poll(); // starts from now: the seeded backlog is not posted
    expect(posts()).toHaveLength(0);
  });

  it('100 new incidents give exactly 100 cards, and a change updates the same card', async () => {
    const names: string[] = [];
    for (let i = 0; i < 100; i++) names.push(await create(`Brute force ${i}`));
    const started = Date.now();
    const armBefore = h.app.azureStats().arm.requests;
    await poll();
    const elapsed = Date.now() - started;
    // One poll reads the 100 changes in one page (a single list request), plus at most five
    // incidents with a card read back to find deletions: not one request per incident.
    expect(h.app.azureStats().arm.requests - armBefore).toBeLessThanOrEqual(6);
    await poll();
    expect(posts()).toHaveLength(100);
    process.stdout.write(`feed: 100 cards posted in ${elapsed} ms\n`);

    const target = names[7]!;
    const current = await sentinel.getIncident(target);
    const cardPost = posts().find((c) => JSON.stringify(c.body).includes('Brute force 7"'))!;
    const activityId = cardPost.answeredId!;
    await sentinel.createOrUpdateIncident(target, { properties: { ...current.properties, status: 'Active', owner: { objectId: randomUUID(), assignedTo: 'Grace Hopper' } } }, { ifMatch: current.etag });
    await poll();
    expect(posts()).toHaveLength(100);
    expect(updates().map((u) => u.path)).toEqual([`/v3/conversations/${CHANNEL}/activities/${activityId}`]);
    expect(JSON.stringify(updates()[0]!.body)).toContain('Grace Hopper');
  }, 120000);

  it('a 429 from Teams is waited out as long as its Retry-After asks, and the card is posted once', async () => {
    connector.throttleNext(1, 2);
    await create('Throttled one');
    const before = posts().length;
    await poll();
    expect(posts().length - before).toBe(1);
    const tries = connector.calls.filter((c) => c.method === 'POST' && JSON.stringify(c.body).includes('Throttled one'));
    expect(tries.map((c) => c.status)).toEqual([429, 200]);
    // Not sooner than Teams asked (2 s); a slow machine only makes it later.
    expect(tries[1]!.at - tries[0]!.at).toBeGreaterThanOrEqual(1990);
  }, 30000);

  it('an analytics rule hit in the emulator arrives with its provider, alerts and tactics', async () => {
    const res = await axios.post(`${h.emulatorUrl}/_emulator/ruleHits`, { title: 'Impossible travel', severity: 'High', tactics: ['InitialAccess'], alertsCount: 3, ruleName: 'Impossible travel' });
    expect(res.status).toBe(201);
    const before = posts().length;
    await poll();
    const card = JSON.stringify(posts().slice(before));
    expect(card).toContain('Impossible travel');
    expect(card).toContain('From Microsoft Sentinel · 3 alerts · tactics: Initial access');
    const bad = await axios.post(`${h.emulatorUrl}/_emulator/ruleHits`, { severity: 'Critical' }, { validateStatus: () => true });
    expect(bad.status).toBe(400);
  });

  it('unwatch stops the feed', async () => {
    expect(textOf(await channel.say('unwatch'))).toMatch(/no longer post/);
    await create('After unwatch');
    const before = posts().length;
    await poll();
    expect(posts().length).toBe(before);
  });
});

describe('a burst', () => {
  it('26 new incidents in one poll give one digest card, not 26', async () => {
    const bursty = await startBotHarness({ INCIDENT_FEED_POLL_MS: '3600000' });
    try {
      const client = probe(bursty).sentinel;
      const group = chat(bursty.botUrl, undefined, { conversationId: '19:burst@thread.v2', conversationType: 'groupChat', serviceUrl: connector.url });
      expect(textOf(await group.say('watch high incidents'))).toMatch(/High incidents/);
      await bursty.app.pollFeed!();
      const before = connector.calls.length;
      for (let i = 0; i < 26; i++) await client.createOrUpdateIncident(randomUUID(), { properties: { title: `Burst ${i}`, severity: 'High', status: 'New' } });
      await client.createOrUpdateIncident(randomUUID(), { properties: { title: 'Low one', severity: 'Low', status: 'New' } });
      await bursty.app.pollFeed!();
      const sent = connector.calls.slice(before).filter((c) => c.method === 'POST' && c.path === '/v3/conversations/19:burst@thread.v2/activities');
      expect(sent).toHaveLength(1);
      expect(JSON.stringify(sent[0]!.body)).toContain('26 new incidents in Sentinel');

      // Every incident of the burst can be opened from the digest: ten rows a window, "Show 10 more" for the rest.
      type Button = { verb: string; title: string; data: Record<string, unknown> };
      const buttonsOf = (card: unknown): Button[] => {
        const out: Button[] = [];
        const walk = (n: unknown): void => {
          if (Array.isArray(n)) n.forEach(walk);
          else if (n && typeof n === 'object') {
            const o = n as Record<string, unknown>;
            if (o.type === 'Action.Execute') out.push(o as unknown as Button);
            Object.values(o).forEach(walk);
          }
        };
        walk(card);
        return out;
      };
      let card: unknown = (sent[0]!.body.attachments as Array<{ content: unknown }>)[0]!.content;
      const opened = new Set<number>();
      for (let window = 0; window < 5; window++) {
        for (const b of buttonsOf(card).filter((x) => x.title === 'Open')) opened.add(Number(b.data.incidentNumber));
        const more = buttonsOf(card).find((b) => b.verb === 'feed.digest' && /^Show \d+ more$/.test(b.title));
        if (!more) break;
        card = (await group.press(more.verb, more.data)).body?.value;
      }
      expect(opened.size).toBe(26);
      const oldest = Math.min(...opened);
      const shown = await group.press('incident.show', { incidentNumber: oldest });
      expect(JSON.stringify(shown.body?.value)).toContain('Burst 0');
      // A digest the bot no longer has gets a sentence, not an error.
      const gone = await group.press('feed.digest', { digest: '00000000-0000-4000-8000-000000000000' });
      expect(JSON.stringify(gone.body?.value)).toContain('no longer have the list');
    } finally {
      await bursty.stop();
    }
  }, 60000);
});
