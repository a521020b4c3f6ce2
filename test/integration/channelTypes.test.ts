/**
 * The bot where the manifest now lets it be: standard, private and shared channels, group
 * chats and personal chats. The welcome comes once, when the bot itself is added; incident
 * cards in group conversations refresh for the person who acted and offer Refresh to the
 * others; the owner picker searches what Teams allows in each place.
 */
import type { TurnContext } from 'botbuilder';
import { ADA, ALEX, DEMO_TENANT_ID } from '../../src/demo/identities';
import { peoplePickerFor } from '../../src/bot/person';
import { cardOf, cardTexts, chat, startBotHarness, type Activity, type BotHarness, type Json } from '../helpers/botHarness';

let h: BotHarness;
beforeAll(async () => {
  h = await startBotHarness();
});
afterAll(() => h.stop());

const BOT = { id: '28:sentinel-teams-bot', name: 'Sentinel Incidents' };
const TEAM = { id: '19:team-general@thread.tacv2', name: 'SOC' };

/** What Teams sends for a message in a channel of each membership type. */
function channelMessage(membershipType: 'standard' | 'private' | 'shared', text: string): Json {
  const channelId = membershipType === 'standard' ? TEAM.id : `19:${membershipType}-channel@thread.tacv2`;
  return {
    type: 'message',
    id: `m-${Math.random()}`,
    channelId: 'msteams',
    serviceUrl: 'http://127.0.0.1:9/',
    deliveryMode: 'expectReplies',
    from: { id: `user-${ALEX.objectId}`, name: ALEX.name, aadObjectId: ALEX.objectId },
    recipient: BOT,
    conversation: { id: `${channelId};messageid=1700000000000`, conversationType: 'channel', isGroup: true, tenantId: DEMO_TENANT_ID },
    channelData: {
      tenant: { id: DEMO_TENANT_ID },
      team: { id: TEAM.id, name: TEAM.name },
      channel: { id: channelId, name: `${membershipType} channel`, membershipType },
    },
    text: `<at>${BOT.name}</at> ${text}`,
    entities: [{ type: 'mention', mentioned: BOT, text: `<at>${BOT.name}</at>` }],
  };
}

async function send(activity: Json): Promise<Activity[]> {
  const res = await chat(h.botUrl).raw(activity);
  expect(res.status).toBe(200);
  return (((res.data as { activities?: Activity[] })?.activities ?? []) as Activity[]).filter((a) => a.type !== 'typing');
}

function membersAdded(conversationType: 'personal' | 'groupChat' | 'channel', members: Array<{ id: string }>): Json {
  return {
    type: 'conversationUpdate',
    id: `cu-${Math.random()}`,
    channelId: 'msteams',
    serviceUrl: 'http://127.0.0.1:9/',
    deliveryMode: 'expectReplies',
    from: { id: `user-${ALEX.objectId}`, aadObjectId: ALEX.objectId },
    recipient: BOT,
    conversation: { id: conversationType === 'channel' ? TEAM.id : `conv-${Math.random()}`, conversationType, isGroup: conversationType !== 'personal', tenantId: DEMO_TENANT_ID },
    channelData: { tenant: { id: DEMO_TENANT_ID }, ...(conversationType === 'channel' ? { team: TEAM, eventType: 'teamMemberAdded' } : {}) },
    membersAdded: members,
  };
}

describe('channels of every kind', () => {
  it.each(['standard', 'private', 'shared'] as const)('answers in a %s channel when mentioned', async (membershipType) => {
    const help = await send(channelMessage(membershipType, 'help'));
    expect(cardTexts(cardOf(help[0])).join(' ')).toMatch(/report/i);
    const shown = await send(channelMessage(membershipType, 'show 405211'));
    expect(cardTexts(cardOf(shown[0])).join(' ')).toContain('Suspicious inbox rule');
  });

  it('an incident card in a channel refreshes for the person who acted and has a Refresh button for everyone else', async () => {
    const [reply] = await send(channelMessage('private', 'show 405211'));
    const card = cardOf(reply)!;
    const refresh = card.refresh as { userIds?: string[]; action: { verb: string } };
    expect(refresh.userIds).toEqual([`user-${ALEX.objectId}`]);
    const actions = card.actions as Array<{ title: string; verb?: string }>;
    expect(actions.filter((a) => a.verb === 'incident.refresh').map((a) => a.title)).toEqual(['Refresh']);
  });

  it('pressing Refresh in a group chat brings the current card back, refreshing for everyone who acted on it', async () => {
    const conversationId = `group-${Math.random()}`;
    const [shown] = await chat(h.botUrl, ALEX, { conversationType: 'groupChat', conversationId }).say('show 405211');
    const refresh = cardOf(shown)!.refresh as { userIds: string[]; action: { verb: string; data: Json } };
    expect(refresh.userIds).toEqual([`user-${ALEX.objectId}`]);
    // Ada presses the card's Refresh button, which carries the refresh data back.
    const answer = await chat(h.botUrl, ADA, { conversationType: 'groupChat', conversationId }).press(refresh.action.verb, refresh.action.data);
    const card = answer.body?.value as Json;
    expect(cardTexts(card).join(' ')).toContain('Suspicious inbox rule');
    expect((card.refresh as { userIds?: string[] }).userIds).toEqual([`user-${ADA.objectId}`, `user-${ALEX.objectId}`]);
    // Junk in the carried list is dropped, and the list never exceeds Teams' 60.
    const many = Array.from({ length: 80 }, (_, i) => `user-${i}`);
    const flooded = await chat(h.botUrl, ADA, { conversationType: 'groupChat', conversationId }).press('incident.refresh', { incidentNumber: 405211, refreshFor: [{ evil: true }, '<script>', ...many] });
    const ids = ((flooded.body?.value as Json).refresh as { userIds: string[] }).userIds;
    expect(ids).toHaveLength(60);
    expect(ids[0]).toBe(`user-${ADA.objectId}`);
    expect(ids).not.toContain('<script>');
    expect(ids[1]).toBe('user-0');
  });

  it('in a personal chat the card refreshes by itself: no user list, no extra button', async () => {
    const [reply] = await chat(h.botUrl).say('show 405211');
    const card = cardOf(reply)!;
    expect((card.refresh as { userIds?: string[] }).userIds).toBeUndefined();
    expect((card.actions as Array<{ verb?: string }>).some((a) => a.verb === 'incident.refresh')).toBe(false);
  });
});

describe('the welcome', () => {
  it('is said once when the bot is added to a team, and not when people join the team later', async () => {
    const added = await send(membersAdded('channel', [BOT]));
    expect(added).toHaveLength(1);
    expect(added[0]?.text).toMatch(/^Hi! I help your SOC.*Mention me/);
    expect(await send(membersAdded('channel', [{ id: `user-${ADA.objectId}` }]))).toEqual([]);
    expect(await send(membersAdded('channel', [{ id: 'user-a' }, { id: 'user-b' }]))).toEqual([]);
  });

  it('is said when the bot is installed in a personal chat or added to a group chat', async () => {
    const personal = await send(membersAdded('personal', [BOT]));
    expect(personal.map((a) => a.text)).toEqual([expect.stringMatching(/Type "help"/)]);
    const group = await send(membersAdded('groupChat', [{ id: `user-${ADA.objectId}` }, BOT]));
    expect(group).toHaveLength(1);
    expect(await send(membersAdded('groupChat', [{ id: `user-${ADA.objectId}` }]))).toEqual([]);
  });
});

describe('the owner picker per context', () => {
  const context = (conversationType: string | undefined, serviceUrl = 'https://smba.trafficmanager.net/emea/'): TurnContext =>
    ({ activity: { channelId: 'msteams', serviceUrl, conversation: { id: 'c', conversationType, isGroup: conversationType !== 'personal' } } }) as unknown as TurnContext;

  it.each([
    ['personal', 'message', 'organisation'],
    ['groupChat', 'message', 'conversation'],
    ['channel', 'message', 'conversation'],
    ['channel', 'dialog', 'organisation'],
    ['groupChat', 'dialog', 'organisation'],
  ] as const)('in a %s (%s) Teams offers the %s people search', (type, surface, expected) => {
    expect(peoplePickerFor(context(type), surface)).toBe(expected);
  });

  it('outside Teams itself (the Playground, Web Chat) there is no people search, only the plain choice', () => {
    expect(peoplePickerFor(context('personal', 'http://127.0.0.1:56150/'), 'message')).toBe('none');
    expect(peoplePickerFor(context('channel', 'http://127.0.0.1:56150/'), 'dialog')).toBe('none');
  });

  it('the report form in a channel offers a plain choice in the Playground (no directory search)', async () => {
    const [reply] = await send(channelMessage('shared', 'report Tailgating at the loading dock'));
    const text = JSON.stringify(cardOf(reply));
    expect(text).toContain('Assign to me');
    expect(text).not.toContain('Data.Query');
  });
});
