/**
 * Closing an incident that still has work open: the close card names the open task and the
 * button says what it does, pressing it with no classification keeps the card, and the
 * closed incident then shows among the loose ends. Its tasks then offer Reopen, asked about
 * first, instead of a Complete that would fail. Runs after the journeys that use 405209.
 */
import { choose, lastCard, say, snapshot, type E2E } from '../playgroundHarness';
import { buttons, messageCount, press, sentinel, UPDATE, waitForText } from '../steps';

export function closingJourneys(session: () => E2E): void {
  test('close 405209 names its open task, asks for a classification, closes, and it shows in loose ends', async () => {
    const e2e = session();
    const { page } = e2e;
    await say(page, 'close 405209');
    const card = lastCard(page);
    await waitForText(card, 'Close incident 405209');
    await waitForText(card, 'Preserve the audit log of the downloads');
    await expect(buttons(card)).resolves.toEqual(expect.arrayContaining(['Close with 1 open task', 'Cancel']));
    const before = await messageCount(page);
    await card.getByLabel('Closing comment').fill('Downloads were an approved archive export.');
    await press(page, card, 'Close with 1 open task', 'Choose a classification.');
    await expect(messageCount(page)).resolves.toBe(before);
    const again = lastCard(page);
    await expect(again.getByLabel('Closing comment').inputValue()).resolves.toBe('Downloads were an approved archive export.');
    await expect(sentinel(e2e).getIncidentByNumber(405209)).resolves.toHaveProperty('properties.status', 'Active');

    await choose(again, 'Classification', 'Benign positive: suspicious but expected');
    await press(page, again, 'Close with 1 open task', /Incident 405209 is closed as .*1 task was still open\./);
    const closed = (await sentinel(e2e).getIncidentByNumber(405209)).properties;
    expect(closed.status).toBe('Closed');
    expect(closed.classification).toBe('BenignPositive');
    expect(closed.classificationComment).toBe('Downloads were an approved archive export.');

    await say(page, 'loose ends');
    const looseEnds = lastCard(page);
    await waitForText(looseEnds, /Incident 405209/);
    await waitForText(looseEnds, 'Preserve the audit log of the downloads');
  });
  test('the closed incident\'s tasks offer Reopen, not Complete; it asks first, reopens, and Complete is back', async () => {
    const e2e = session();
    const { page } = e2e;
    await say(page, 'show tasks for 405209');
    const tasks = lastCard(page);
    await waitForText(tasks, 'Incident 405209 is closed, so its tasks cannot be completed. Reopen it to work on them.');
    const offered = await buttons(tasks);
    expect(offered).toContain('Reopen incident');
    expect(offered).not.toContain('Complete');
    await press(page, tasks, 'Reopen incident', 'Reopen incident 405209?');
    const ask = lastCard(page);
    await waitForText(ask, /closed as Benign positive: suspicious but expected/);
    await snapshot(page, 'reopen-confirm', UPDATE);
    await expect(sentinel(e2e).getIncidentByNumber(405209)).resolves.toHaveProperty('properties.status', 'Closed');
    await press(page, ask, 'Reopen incident', /Incident 405209 is open again \(Active\)/);
    await expect(buttons(lastCard(page))).resolves.toContain('Complete');
    await expect(sentinel(e2e).getIncidentByNumber(405209)).resolves.toHaveProperty('properties.status', 'Active');
  });
}
