/**
 * The incident card's "Assign to…" picker: Teams' typeahead asks the bot (application/search),
 * the organisation's directory in a personal chat and the conversation's members elsewhere, and
 * the Assign button writes only someone the picker could have offered. The real bot over HTTP
 * against the emulator; Teams' connector (the roster) is a local fake.
 */
import { randomUUID } from 'node:crypto';
import { ADA, ADELE, ALEX, DEMO_TENANT_ID, GRACE, MEGAN } from '../../src/demo/identities';
import { cardTexts, chat, startBotHarness, type BotHarness, type Json } from '../helpers/botHarness';
import { startFakeConnector, type FakeConnector, type FakeMember } from '../helpers/fakeConnector';
import { probe } from '../helpers/sentinelProbe';

let h: BotHarness;
let connector: FakeConnector;
beforeAll(async () => {
  // Megan may not assign: only the others are responders.
  h = await startBotHarness({ RESPONDER_OBJECT_IDS: [ALEX, ADA, GRACE, ADELE].map((u) => u.objectId).join(',') });
  // The group chat's members: Grace and Adele (keyed by object id, as Teams answers a lookup by it).
  const member = (u: typeof GRACE): FakeMember => ({ name: u.name, userPrincipalName: u.userPrincipalName, email: u.userPrincipalName, aadObjectId: u.objectId });
  connector = await startFakeConnector({ [GRACE.objectId]: member(GRACE), [ADELE.objectId]: member(ADELE) });
});
afterAll(async () => {
  await connector.close();
  await h.stop();
});

type Place = 'personal' | 'groupChat' | 'channel';

function conversation(place: Place): Json {
  if (place === 'personal') return { id: `a:personal-${randomUUID()}`, conversationType: 'personal', tenantId: DEMO_TENANT_ID };
  if (place === 'channel') return { id: `19:soc-${randomUUID()}@thread.tacv2;messageid=1`, conversationType: 'channel', tenantId: DEMO_TENANT_ID, isGroup: true };
  return { id: `19:group-${randomUUID()}@thread.v2`, conversationType: 'groupChat', tenantId: DEMO_TENANT_ID, isGroup: true };
}

/** In a channel Teams names the team, whose roster is the channel's. */
const channelDataOf = (place: Place): Json => ({ tenant: { id: DEMO_TENANT_ID }, ...(place === 'channel' ? { team: { id: '19:team-soc@thread.tacv2' }, channel: { id: '19:soc@thread.tacv2' } } : {}) });

async function search(value: Json, place: Place = 'personal', user = ALEX, serviceUrl = connector.url): Promise<{ status: number; titles: string[]; values: string[]; body: Json }> {
  const res = await chat(h.botUrl, user).raw({
    type: 'invoke', name: 'application/search', id: randomUUID(), channelId: 'msteams', serviceUrl,
    from: { id: `29:${user.objectId}`, name: user.name, aadObjectId: user.objectId }, recipient: { id: '28:sentinel-teams-bot', name: 'Sentinel Incidents' },
    conversation: conversation(place), channelData: channelDataOf(place), value,
  });
  const body = res.data as Json;
  const results = (((body.value as Json | undefined)?.results as Array<{ title: string; value: string }> | undefined) ?? []);
  return { status: res.status, titles: results.map((r) => r.title), values: results.map((r) => r.value), body };
}

const people = (queryText: unknown, top = 10): Json => ({ kind: 'search', dataset: 'people', queryText, queryOptions: { skip: 0, top } });

async function pressAssign(incidentNumber: number, assignee: unknown, place: Place = 'personal'): Promise<Json | undefined> {
  const res = await chat(h.botUrl, ALEX).raw({
    type: 'invoke', name: 'adaptiveCard/action', id: randomUUID(), channelId: 'msteams', serviceUrl: connector.url,
    from: { id: `29:${ALEX.objectId}`, name: ALEX.name, aadObjectId: ALEX.objectId }, recipient: { id: '28:sentinel-teams-bot', name: 'Sentinel Incidents' },
    conversation: conversation(place), channelData: channelDataOf(place),
    value: { action: { type: 'Action.Execute', verb: 'incident.assignPicked', data: { incidentNumber, assignee } } },
  });
  return ((res.data as Json).value as Json | undefined) ?? undefined;
}

const ownerOf = async (n: number): Promise<string | undefined> => (await probe(h).sentinel.getIncidentByNumber(n)).properties.owner?.objectId ?? undefined;

describe('people search for the picker', () => {
  it('answers in the search response format, from the whole directory in a personal chat', async () => {
    const r = await search(people('ad'));
    expect(r.status).toBe(200);
    expect(r.body.type).toBe('application/vnd.microsoft.search.searchResponse');
    expect(r.titles).toEqual(['Ada Lovelace (ada.lovelace@contoso.com)', 'Adele Vance (adelev@contoso.com)']);
    expect(r.values).toEqual([ADA.objectId, ADELE.objectId]);
  });

  it('offers the first people before anything is typed, and honours top and skip', async () => {
    expect((await search(people(''))).values).toHaveLength(6);
    expect((await search(people('', 2))).values).toHaveLength(2);
    const page2 = await search({ ...people('', 2), queryOptions: { skip: 2, top: 2 } });
    expect(page2.values).toHaveLength(2);
    expect(page2.values).not.toContain((await search(people('', 2))).values[0]);
  });

  it('offers only the conversation\'s members in a group chat', async () => {
    const r = await search(people('a'), 'groupChat');
    expect(r.values.sort()).toEqual([ADELE.objectId].sort());
    const all = await search(people(''), 'groupChat');
    expect(all.values.sort()).toEqual([GRACE.objectId, ADELE.objectId].sort());
    // Ada is in the directory but not in this chat.
    expect((await search(people('ada lovelace'), 'groupChat')).values).toEqual([]);
  });

  it("offers the team's members in a channel, from the team's roster", async () => {
    const r = await search(people(''), 'channel');
    expect(r.values.sort()).toEqual([GRACE.objectId, ADELE.objectId].sort());
    expect(connector.calls.some((c) => c.path === '/v3/conversations/19:team-soc@thread.tacv2/pagedmembers')).toBe(true);
    expect((await search(people('grace'), 'channel')).titles).toEqual(['Grace Hopper (grace.hopper@contoso.com)']);
  });

  it('finds a member on a later page of a large roster, reading a bounded number of pages', async () => {
    const hex = (i: number): string => i.toString(16).padStart(12, '0');
    const many = Object.fromEntries(Array.from({ length: 1250 }, (_, i) => [`29:m${i}`, { name: i === 250 ? 'Zed Paged' : i === 1200 ? 'Yan Beyond' : `Member ${i}`, userPrincipalName: `m${i}@contoso.com`, email: `m${i}@contoso.com`, aadObjectId: `00000000-0000-4000-8000-${hex(i)}` }]));
    const big = await startFakeConnector(many);
    try {
      expect((await search(people('zed'), 'groupChat', ALEX, big.url)).titles).toEqual(['Zed Paged (m250@contoso.com)']);
      const pages = big.calls.filter((c) => c.path.endsWith('/pagedmembers')).length;
      // Ten pages of 100: a member beyond the first thousand is not offered, and no more is read.
      expect(pages).toBe(10);
      expect((await search(people('yan'), 'groupChat', ALEX, big.url)).titles).toEqual([]);
    } finally {
      await big.close();
    }
  });

  it.each([
    ['a very long query', 'a'.repeat(5000)],
    ['an OData injection', "x' or startswith(displayName,'"],
    ['markup', '<at>Ada</at>${title}'],
    ['a number', 42],
    ['control characters', 'ad\u0000a\u202e'],
  ])('answers %s with a plain, possibly empty, list', async (_what, queryText) => {
    const r = await search(people(queryText));
    expect(r.status).toBe(200);
    expect(Array.isArray((r.body.value as Json).results)).toBe(true);
  });

  it('refuses a dataset it does not serve, and gives nobody to someone who may not assign', async () => {
    expect((await search({ ...people('ada'), dataset: 'secrets' })).status).toBe(400);
    expect((await search(people('ada'), 'personal', MEGAN)).values).toEqual([]);
  });
});

describe('the Assign button', () => {
  it('assigns the person picked in a personal chat', async () => {
    expect(await ownerOf(405209)).toBe(ALEX.objectId);
    const card = await pressAssign(405209, ADA.objectId);
    expect(cardTexts(card)).toContain('Incident 405209 is now assigned to Ada Lovelace.');
    expect(await ownerOf(405209)).toBe(ADA.objectId);
  });

  it('refuses a forged id the directory does not know, inside the incident card, writing nothing', async () => {
    const before = (await probe(h).sentinel.getIncidentByNumber(405211)).etag;
    const card = await pressAssign(405211, '0f0f0f0f-1111-4222-8333-444455556666');
    expect(cardTexts(card)).toContain('Incident 405211');
    expect(cardTexts(card).join(' ')).toContain("The person chosen is not in your organisation's directory, so I did not assign incident 405211.");
    expect((await probe(h).sentinel.getIncidentByNumber(405211)).etag).toBe(before);
  });

  it('asks for a choice when nothing or something that is not a person was picked', async () => {
    expect(cardTexts(await pressAssign(405211, '')).join(' ')).toContain('Choose a person in "Assign to…", then press Assign.');
    expect(cardTexts(await pressAssign(405211, 'me')).join(' ')).toContain('That is not a person I can assign.');
  });

  it('in a group chat, refuses someone outside it and assigns a member, confirming the take-over from another owner', async () => {
    const before = (await probe(h).sentinel.getIncidentByNumber(405209)).etag;
    const outside = await pressAssign(405209, MEGAN.objectId, 'groupChat');
    expect(cardTexts(outside).join(' ')).toContain('The person chosen is not a member of this conversation');
    expect((await probe(h).sentinel.getIncidentByNumber(405209)).etag).toBe(before);

    // 405209 is Ada's now (above): handing it to Grace is asked about first.
    const ask = await pressAssign(405209, GRACE.objectId, 'groupChat');
    expect(cardTexts(ask)).toContain('Take incident 405209 from Ada Lovelace?');
    expect(await ownerOf(405209)).toBe(ADA.objectId);
  });
});
