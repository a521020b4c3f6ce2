/**
 * The channel feed at its edges, through the real bot, the real emulator and a local stand-in for
 * the Teams connector: other ways to ask, filters it must refuse, hostile titles, a channel the
 * bot was removed from, a card someone deleted, Sentinel throttling or down during a poll, an
 * incident changed many times between polls, a poll longer than one page, a deleted incident.
 */
import { randomUUID } from 'node:crypto';
import axios from 'axios';
import { ADA, ALEX } from '../../src/demo/identities';
import { cardTexts, chat, startBotHarness, type BotHarness, type Chat, type Json } from '../helpers/botHarness';
import { startFakeConnector, type ConnectorCall, type FakeConnector } from '../helpers/fakeConnector';
import { probe } from '../helpers/sentinelProbe';
import type { SentinelClient } from '../../src/sentinel/sentinelClient';
import type { IncidentSeverity } from '../../src/sentinel/types';

let h: BotHarness;
let connector: FakeConnector;
let sentinel: SentinelClient;
const SOC = '19:edges-soc@thread.tacv2';
const GONE = '19:edges-gone@thread.tacv2';
let soc: Chat;

beforeAll(async () => {
  connector = await startFakeConnector();
  // Ada is the only responder; the feed polls only when a test says so.
  h = await startBotHarness({ INCIDENT_FEED_POLL_MS: '3600000', INCIDENT_FEED_BURST_THRESHOLD: '500', RESPONDER_OBJECT_IDS: ADA.objectId, SENTINEL_MAX_RETRIES: '2' });
  sentinel = probe(h).sentinel;
  soc = chat(h.botUrl, ADA, { conversationId: SOC, conversationType: 'channel', serviceUrl: connector.url });
}, 30000);
afterAll(async () => {
  await h.stop();
  await connector.close();
});
afterEach(async () => {
  await axios.delete(`${h.emulatorUrl}/_emulator/faults`);
});

const poll = () => h.app.pollFeed!();
const say = async (c: Chat, text: string): Promise<string> => (await c.say(text)).map((a) => a.text ?? '').join(' ');
const cardsTo = (conversation: string, method = 'POST'): ConnectorCall[] =>
  connector.calls.filter((c) => c.method === method && c.status === 200 && c.path.startsWith(`/v3/conversations/${conversation}/activities`) && JSON.stringify(c.body).includes('application/vnd.microsoft.card.adaptive'));
const textsOf = (call: ConnectorCall | undefined): string[] => cardTexts((call?.body.attachments as Array<{ content: Json }> | undefined)?.[0]?.content);
const faults = (rules: unknown[]): Promise<unknown> => axios.put(`${h.emulatorUrl}/_emulator/faults`, rules);

async function create(title: string, severity: IncidentSeverity = 'High'): Promise<string> {
  const name = randomUUID();
  await sentinel.createOrUpdateIncident(name, { properties: { title, severity, status: 'New' } });
  return name;
}

async function change(name: string, edit: (p: Json) => Json): Promise<void> {
  const current = await sentinel.getIncident(name);
  await sentinel.createOrUpdateIncident(name, { properties: edit(current.properties as unknown as Json) as never }, { ifMatch: current.etag });
}

describe('asking the feed in other words', () => {
  it('subscribe / what is this channel subscribed to / critical refused / stop posting', async () => {
    expect(await say(soc, '<at>Sentinel</at> subscribe this channel to high severity incidents')).toMatch(/post High incidents here/);
    expect(await say(soc, 'what is this channel subscribed to?')).toMatch(/I post High incidents here/);
    expect(await say(soc, 'notify us about high and medium incidents')).toMatch(/post High\/Medium incidents here/);
    // Not a Sentinel severity: said so, and the watch stays as it was.
    expect(await say(soc, 'watch critical incidents')).toMatch(/no "critical" severity.*changed nothing/);
    expect(await say(soc, 'watch hihg incidents')).toMatch(/"hihg".*changed nothing.*Did you mean "high"/);
    expect(await say(soc, 'watch incidents from mars')).toMatch(/"mars".*changed nothing/);
    expect(await say(soc, 'what are you wathcing?')).toMatch(/I post High\/Medium incidents here/);
    expect(await say(soc, 'stop posting incidents here')).toMatch(/no longer post/);
    expect(await say(soc, 'are you watching?')).toMatch(/not watching/);
  });

  it('a filter word with OData or KQL in it is refused and never reaches Sentinel', async () => {
    const before = h.app.azureStats().arm.requests;
    expect(await say(soc, "watch high' or 1 eq 1 or severity eq 'low incidents")).toMatch(/changed nothing/);
    expect(await say(soc, 'watch high | where true incidents')).toMatch(/"where", "true".*changed nothing/);
    expect(await say(soc, `watch ${'high '.repeat(2000)}incidents`)).toMatch(/longer than 200 characters/);
    expect(h.app.azureStats().arm.requests).toBe(before);
    expect(await say(soc, 'what are you watching?')).toMatch(/not watching/);
  });

  it('only a responder may point the feed at a channel', async () => {
    const alex = chat(h.botUrl, ALEX, { conversationId: SOC, conversationType: 'channel', serviceUrl: connector.url });
    const answer = await say(alex, 'watch incidents');
    expect(answer).toMatch(/Only SOC responders can start or stop the incident feed, so I changed nothing/);
    expect(await say(alex, 'what are you watching?')).toMatch(/not watching/);
    expect(await say(soc, 'watch incidents')).toMatch(/post all incidents here/);
    expect(await say(alex, 'stop watching')).toMatch(/changed nothing/);
    expect(await say(alex, 'what are you watching?')).toMatch(/I post all incidents here/);
    expect(await say(soc, 'unwatch')).toMatch(/no longer post/);
    expect(await say(alex, 'what are you watching?')).toMatch(/not watching/);
  });

  it('"watch incidents from Defender" posts Defender incidents only', async () => {
    expect(await say(soc, 'watch incidents from Defender')).toMatch(/all incidents from Defender here/);
    await poll();
    const before = cardsTo(SOC).length;
    await axios.post(`${h.emulatorUrl}/_emulator/ruleHits`, { title: 'Sentinel rule hit', severity: 'High', ruleName: 'A Sentinel rule' });
    await create('Portal incident');
    await axios.post(`${h.emulatorUrl}/_emulator/ruleHits`, { title: 'Defender saw malware', severity: 'High', productName: 'Microsoft Defender for Endpoint' });
    await poll();
    expect(cardsTo(SOC).slice(before).map((c) => textsOf(c).join(' '))).toEqual([expect.stringContaining('Defender saw malware')]);
    expect(await say(soc, 'unwatch')).toMatch(/no longer post/);
  });

  it('"watch incidents assigned to nobody" posts unassigned incidents only, and later changes update their cards', async () => {
    expect(await say(soc, 'watch incidents assigned to nobody')).toMatch(/post unassigned incidents here/);
    await poll();
    const before = cardsTo(SOC).length;
    const free = await create('Nobody has this one');
    const owned = randomUUID();
    await sentinel.createOrUpdateIncident(owned, { properties: { title: 'Ada has this one', severity: 'High', status: 'New', owner: { objectId: ADA.objectId, assignedTo: ADA.name, ownerType: 'User' } } });
    await poll();
    expect(cardsTo(SOC).slice(before).map((c) => textsOf(c).join(' '))).toEqual([expect.stringContaining('Nobody has this one')]);
    // Taken: it no longer matches, but its card stays current rather than frozen as unassigned.
    await change(free, (p) => ({ ...p, owner: { objectId: ADA.objectId, assignedTo: ADA.name, ownerType: 'User' } }));
    await poll();
    expect(cardsTo(SOC).length).toBe(before + 1);
    expect(textsOf(cardsTo(SOC, 'PUT').at(-1)).join(' ')).toContain(ADA.name);
    expect(await say(soc, 'unwatch')).toMatch(/no longer post/);
  });

  it('watching twice says so, a new filter replaces the old one, unwatching twice says it was not watching', async () => {
    expect(await say(soc, 'watch high incidents')).toMatch(/I'll post High incidents here/);
    expect(await say(soc, 'watch high incidents')).toMatch(/already post High incidents here, so nothing changed/);
    expect(await say(soc, 'watch high and medium')).toMatch(/now post High\/Medium incidents here, instead of High incidents/);
    expect(await say(soc, 'what are you watching?')).toMatch(/I post High\/Medium incidents here/);
    expect(await say(soc, 'watch defender incidents')).toMatch(/now post all incidents from Defender here/);
    expect(await say(soc, 'unwatch')).toMatch(/no longer post/);
    expect(await say(soc, 'unwatch')).toMatch(/not watching incidents here/);
  });

  it('in a personal chat: a clear answer, and nothing watched', async () => {
    const personal = chat(h.botUrl, ADA, { serviceUrl: connector.url });
    expect(await say(personal, 'watch incidents')).toMatch(/posts to a channel or group chat/);
    expect(await say(personal, 'unwatch')).toMatch(/posts to a channel or group chat/);
    expect(await say(personal, 'what are you watching?')).toMatch(/posts to a channel or group chat/);
  });

  it('a filter word it does not know is asked about, never watched as everything', async () => {
    expect(await say(soc, 'watch incidents about ransomware')).toMatch(/"ransomware" as a filter, so I changed nothing/);
    expect(await say(soc, 'what are you watching?')).toMatch(/not watching/);
  });
});

describe('what the feed shows and where it goes', () => {
  beforeAll(async () => {
    expect(await say(soc, 'watch incidents')).toMatch(/post all incidents here/);
    await poll();
  });

  it('titles with template, markdown or HTML are shown as typed on the feed\'s cards', async () => {
    const titles = ['${foo} and ${$root.heading}', '{{x}} <script>alert(1)</script>', '**bold** [link](https://evil.example)'];
    for (const t of titles) await create(t);
    await poll();
    const shown = cardsTo(SOC).slice(-3).flatMap(textsOf).join('\n');
    for (const t of titles) expect(shown).toContain(t);
    // Teams renders Markdown in a TextBlock, never in a TextRun: a title's link must not become clickable.
    const blocks: string[] = [];
    const walk = (n: unknown): void => {
      if (Array.isArray(n)) n.forEach(walk);
      else if (n && typeof n === 'object') {
        const o = n as Json;
        if (o.type === 'TextBlock' && typeof o.text === 'string') blocks.push(o.text);
        Object.values(o).forEach(walk);
      }
    };
    walk(cardsTo(SOC).slice(-3).map((c) => c.body));
    expect(blocks.join('\n')).not.toMatch(/evil\.example|<script>|\$\{foo\}/);
  });

  it('a channel the bot was removed from stops watching; the others still get their cards once', async () => {
    const gone = chat(h.botUrl, ADA, { conversationId: GONE, conversationType: 'channel', serviceUrl: connector.url });
    expect(await say(gone, 'watch incidents')).toMatch(/post all incidents here/);
    connector.refuse((c) => c.path.startsWith(`/v3/conversations/${GONE}/`), 403);
    await create('After removal');
    const before = cardsTo(SOC).length;
    await poll();
    expect(cardsTo(SOC).length - before).toBe(1);
    await poll();
    expect(cardsTo(SOC).length - before).toBe(1);
    expect(await say(gone, 'what are you watching?')).toMatch(/not watching/);
  });

  it('a card someone deleted does not stop the channel watching', async () => {
    const name = await create('Soon deleted card');
    await poll();
    const post = cardsTo(SOC).find((c) => textsOf(c).join(' ').includes('Soon deleted card'))!;
    connector.refuse((c) => c.method === 'PUT' && c.path.endsWith(`/activities/${post.answeredId}`), 404);
    await change(name, (p) => ({ ...p, status: 'Active' }));
    await poll();
    expect(await say(soc, 'what are you watching?')).toMatch(/I post all incidents here/);
    const before = cardsTo(SOC).length;
    await create('Next one after the deleted card');
    await poll();
    expect(cardsTo(SOC).length - before).toBe(1);
  });

  it('a card Teams refuses for good (400) does not hold back the rest of the feed', async () => {
    connector.refuse((c) => c.method === 'POST' && JSON.stringify(c.body).includes('Poison card'), 400);
    await create('Poison card');
    await create('Healthy card');
    const before = connector.calls.length;
    await poll();
    const first = connector.calls.slice(before).filter((c) => c.status === 200 && c.path.startsWith(`/v3/conversations/${SOC}/`));
    expect(first.map((c) => textsOf(c).join(' '))).toEqual([expect.stringContaining('Healthy card')]);
    // The watermark moved: the next poll sends nothing again.
    const after = connector.calls.length;
    await poll();
    expect(connector.calls.slice(after).filter((c) => c.path.startsWith(`/v3/conversations/${SOC}/`))).toHaveLength(0);
  });

  it('changed many times between polls: one update, with the latest state', async () => {
    const name = await create('Changing a lot');
    await poll();
    const post = cardsTo(SOC).find((c) => textsOf(c).join(' ').includes('Changing a lot'))!;
    await change(name, (p) => ({ ...p, status: 'Active' }));
    await change(name, (p) => ({ ...p, severity: 'Medium' }));
    await change(name, (p) => ({ ...p, title: 'Changing a lot (final)' }));
    const before = connector.calls.length;
    await poll();
    const puts = connector.calls.slice(before).filter((c) => c.method === 'PUT' && c.path.endsWith(`/activities/${post.answeredId}`));
    expect(puts).toHaveLength(1);
    expect(textsOf(puts[0]).join(' ')).toContain('Changing a lot (final)');
  });

  it('Sentinel throttling (429 + Retry-After) is waited out; the card arrives once', async () => {
    await create('During throttling');
    await faults([{ match: { api: 'arm', method: 'GET', pathContains: '/incidents' }, fault: { status: 429, retryAfterSeconds: 1 }, times: 1 }]);
    const before = cardsTo(SOC).length;
    await poll();
    await poll();
    expect(cardsTo(SOC).length - before).toBe(1);
  });

  it('Sentinel down (503) during a poll: nothing posted, nothing lost, posted once when it is back', async () => {
    await create('During outage');
    await faults([{ match: { api: 'arm', method: 'GET', pathContains: '/incidents' }, fault: { status: 503 } }]);
    const before = cardsTo(SOC).length;
    await expect(poll()).rejects.toBeDefined();
    expect(cardsTo(SOC).length).toBe(before);
    await axios.delete(`${h.emulatorUrl}/_emulator/faults`);
    await poll();
    await poll();
    expect(cardsTo(SOC).length - before).toBe(1);
    expect(textsOf(cardsTo(SOC).at(-1)).join(' ')).toContain('During outage');
  });

  it('an incident deleted in Sentinel: its card says so, in place; the next polls go on and post the rest', async () => {
    const name = await create('To be deleted');
    await poll();
    const card = cardsTo(SOC).find((c) => textsOf(c).join(' ').includes('To be deleted'))!;
    const number = (await sentinel.getIncident(name)).properties.incidentNumber!;
    await sentinel.deleteIncident(name);
    // A few incidents are read back each poll, in turn: within as many polls as there are cards / 5.
    const deletedNotice = (): ConnectorCall | undefined => cardsTo(SOC, 'PUT').find((c) => c.path.endsWith(`/activities/${card.answeredId}`) && textsOf(c).join(' ').includes('was deleted in Microsoft Sentinel'));
    for (let i = 0; i < Math.ceil(cardsTo(SOC).length / 5) + 1 && !deletedNotice(); i++) await poll();
    expect(textsOf(deletedNotice())).toEqual(expect.arrayContaining([`Incident ${number} was deleted`]));
    const posts = cardsTo(SOC).length;
    await poll();
    expect(cardsTo(SOC).length).toBe(posts);
    // Its card's buttons answer with a sentence, not an error.
    const pressed = await soc.press('incident.assignToMe', { incidentNumber: String(number) });
    expect(cardTexts(pressed.body?.value).join(' ')).toContain(`I couldn't find incident ${number}`);
    await create('After a deletion');
    const before = cardsTo(SOC).length;
    await poll();
    expect(cardsTo(SOC).length - before).toBe(1);
  });

  it('more changes than one page (nextLink): every one gets its card, once', async () => {
    const before = cardsTo(SOC).length;
    for (let i = 0; i < 205; i++) await create(`Paged ${i}`, 'Low');
    await poll();
    await poll();
    const paged = cardsTo(SOC).slice(before).map((c) => textsOf(c).join(' ')).filter((t) => t.includes('Paged '));
    expect(paged).toHaveLength(205);
    expect(new Set(paged.map((t) => /Paged (\d+)/.exec(t)?.[1])).size).toBe(205);
  }, 120000);
});
