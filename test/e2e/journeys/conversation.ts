/**
 * A message that is not understood offers what it most likely meant, as buttons, and acts only
 * on a press; a value Sentinel lacks is mapped only after a confirm.
 */
import { ALEX } from '../../../src/demo/identities';
import { lastCard, say, snapshot, type E2E } from '../playgroundHarness';
import { buttons, messageCount, ownerOf, press, ruleHit, sentinel, textCount, UPDATE, waitForText } from '../steps';

export function conversationJourneys(session: () => E2E): void {
  test('a misspelt assign offers "Did you mean" buttons and assigns nothing until one is pressed', async () => {
    const e2e = session();
    const { page } = e2e;
    await expect(ownerOf(e2e, 405208)).resolves.toBeUndefined();
    await say(page, 'asgn 405208 to me');
    const card = lastCard(page);
    await waitForText(card, "I didn't catch that");
    await waitForText(card, 'Did you mean one of these?');
    const offered = await buttons(card);
    expect(offered).toEqual(expect.arrayContaining(['assign 405208 to me', 'show 405208', 'Show help']));
    await snapshot(page, 'did-you-mean', UPDATE);
    // Never acted on the guess.
    await expect(ownerOf(e2e, 405208)).resolves.toBeUndefined();

    const before = await messageCount(page);
    await press(page, card, 'assign 405208 to me', 'Incident 405208 is now assigned to you, Alex Wilber.');
    await expect(messageCount(page)).resolves.toBe(before);
    await expect(ownerOf(e2e, 405208)).resolves.toBe(ALEX.objectId);
  });

  test('a command word one letter off is read as meant: "shw taks for 405211" shows the tasks', async () => {
    const { page } = session();
    await say(page, 'shw taks for 405211');
    const card = lastCard(page);
    await waitForText(card, 'Tasks of incident 405211');
    await waitForText(card, '2. Remove the forwarding rule and check for other rules');
  });

  test('"lose ends" offers "loose ends"; pressing it shows the closed incidents with open tasks', async () => {
    const { page } = session();
    await say(page, 'lose ends');
    const card = lastCard(page);
    await waitForText(card, 'Did you mean one of these?');
    await expect(buttons(card)).resolves.toEqual(expect.arrayContaining(['loose ends']));
    await press(page, card, 'loose ends', 'Loose ends');
    const looseEnds = lastCard(page);
    await waitForText(looseEnds, /Incident 405207/);
    await waitForText(looseEnds, 'Block legacy authentication for the account');
    await expect(textCount(looseEnds, 'Did you mean one of these?')).resolves.toBe(0);
  });
  test('"critical" is not a Sentinel severity: the answer names the mapping and sets High only when confirmed', async () => {
    const e2e = session();
    const { page } = e2e;
    const { incidentNumber, name } = await ruleHit(e2e, { title: 'Password spray against the VPN gateway', severity: 'Low' });
    await say(page, `set severity of ${incidentNumber} to critical`);
    const card = lastCard(page);
    await waitForText(card, 'Sentinel has no severity "Critical"; the highest is High.');
    await expect(buttons(card)).resolves.toEqual(expect.arrayContaining(['Set severity to High', 'Cancel']));
    await snapshot(page, 'value-mapping', UPDATE);
    await expect(sentinel(e2e).getIncident(name)).resolves.toHaveProperty('properties.severity', 'Low');
    await press(page, card, 'Set severity to High', `Severity of incident ${incidentNumber} is now High.`);
    await expect(sentinel(e2e).getIncident(name)).resolves.toHaveProperty('properties.severity', 'High');
  });
}
