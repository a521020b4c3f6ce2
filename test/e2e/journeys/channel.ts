/**
 * Shared conversations, where every message @mentions the bot: help and assigning by a
 * mention in the group chat, help in the team channel, and the channel feed: `watch
 * incidents`, then an analytics rule raises an incident in the emulator and its card is
 * posted to the channel. Polls run when the journey says (app.pollFeed), not on a timer.
 */
import { GRACE } from '../../../src/demo/identities';
import { lastCard, messageCards, openConversation, postInChannel, sayMentioning, snapshot, type E2E } from '../playgroundHarness';
import { ownerOf, ruleHit, textCount, UPDATE, waitForText } from '../steps';

const BOT = 'Sentinel Incidents';

export function channelJourneys(session: () => E2E): void {
  test('help in a group chat says to @mention the bot, and every example starts with the mention', async () => {
    const { page } = session();
    await openConversation(page, 'SOC triage');
    try {
      await sayMentioning(page, BOT, 'help');
      const card = lastCard(page);
      await waitForText(card, `In a group chat, start each message with @${BOT} so I see it.`);
      await waitForText(card, `@${BOT} show tasks for 405211`);
      await expect(textCount(card, /^show tasks for 405211$/)).resolves.toBe(0);
    } finally {
      await openConversation(page, 'Personal Chat');
    }
  });

  test('in a group chat, assign 405208 to @Grace Hopper (a Teams mention) makes Grace the owner and says she could not be told', async () => {
    const e2e = session();
    const { page } = e2e;
    await openConversation(page, 'SOC triage');
    try {
      await sayMentioning(page, BOT, 'assign 405208 to ', { mention: GRACE.name });
      const card = lastCard(page);
      await waitForText(card, 'Incident 405208 is now assigned to Grace Hopper.');
      await expect(ownerOf(e2e, 405208)).resolves.toBe(GRACE.objectId);
      // The Playground makes no 1:1 chat by Entra object id, as Teams does: the group hears Grace was not told.
      await waitForText(page.locator('body'), 'I could not send the new owner a personal message in Teams');
    } finally {
      await openConversation(page, 'Personal Chat');
    }
  });

  test('help in a channel says to @mention the bot, and its examples start with the mention', async () => {
    const { page } = session();
    await openConversation(page, 'Security Operations - Incidents');
    try {
      await postInChannel(page, BOT, 'help', `In a channel, start each message with @${BOT} so I see it; my answers are visible to the whole channel. Try one of these:`);
      const card = messageCards(page).filter({ hasText: 'In a channel, start each message with' });
      await waitForText(card, `@${BOT} assign 405211 to @Ada`);
    } finally {
      await openConversation(page, 'Personal Chat');
    }
  });

  test('watch incidents in a channel; an incident an analytics rule raises appears there as a card', async () => {
    const e2e = session();
    const { page } = e2e;
    const pollFeed = e2e.app.pollFeed;
    if (!pollFeed) throw new Error('the feed is off in the end-to-end configuration');
    await openConversation(page, 'Security Operations - Incidents');
    try {
      await postInChannel(page, BOT, 'watch incidents', /I'll post all incidents here as they appear in Sentinel/);
      // The first poll after watching only notes where the feed starts: the backlog is not news.
      await expect(pollFeed()).resolves.toBeDefined();
      const title = 'Multiple failed sign-ins followed by a success for an admin account';
      const raised = await ruleHit(e2e, { title, severity: 'High', tactics: ['CredentialAccess', 'InitialAccess'], alertsCount: 3 });
      const polled = await pollFeed();
      expect(polled?.posted).toBe(1);
      const card = messageCards(page).filter({ hasText: title });
      await waitForText(card, `Incident ${raised.incidentNumber}`);
      await waitForText(card, '3 alerts');
      await waitForText(card, 'Unassigned');
      await expect(card.count()).resolves.toBe(1);
      await snapshot(page, 'channel-feed', UPDATE, card);
    } finally {
      await openConversation(page, 'Personal Chat');
    }
  });
}
