/**
 * Cards keep their place: a refused press answers inside the card that was pressed with what
 * was chosen still chosen, a list row opens its incident with a way back, and a long list
 * pages instead of growing past what Teams accepts.
 */
import { choiceValue, choose, lastCard, say, snapshot, type E2E } from '../playgroundHarness';
import { buttons, messageCount, press, ruleHit, sentinel, textCount, UPDATE, waitForText } from '../steps';

const TASKS = 21;

export function cardPlaceJourneys(session: () => E2E): void {
  test('Set status with no status chosen shows the error in the same card, the chosen severity kept, nothing changed', async () => {
    const e2e = session();
    const { page } = e2e;
    await say(page, 'show 405209');
    const card = lastCard(page);
    await waitForText(card, 'Mass download from SharePoint by a departing employee');
    const before = await messageCount(page);
    await card.getByRole('button', { name: 'Change', exact: true }).click();
    await choose(card, 'Severity', 'Low');
    const status = card.getByRole('combobox', { name: 'Status' });
    await status.fill('');
    await status.blur();
    await card.getByRole('button', { name: 'Set status', exact: true }).click();
    await waitForText(lastCard(page), 'Choose a status, New or Active, then press Set status.');
    await expect(messageCount(page)).resolves.toBe(before);
    const after = lastCard(page);
    await waitForText(after, 'Mass download from SharePoint by a departing employee');
    await after.getByRole('button', { name: 'Change', exact: true }).click();
    await expect(choiceValue(after, 'Severity')).resolves.toBe('Low');
    await snapshot(page, 'error-in-card', UPDATE);
    const incident = await sentinel(e2e).getIncidentByNumber(405209);
    expect(incident.properties.severity).toBe('Medium');
    expect(incident.properties.status).toBe('Active');
  });

  test('my incidents -> a row opens the incident in place -> "Back to my incidents" shows the list again', async () => {
    const { page } = session();
    await say(page, 'my incidents');
    const list = lastCard(page);
    await waitForText(list, 'Open incidents of Alex Wilber');
    await waitForText(list, 'Mass download from SharePoint by a departing employee');
    const before = await messageCount(page);
    await press(page, list, /#405209/, 'Incident 405209');
    const detail = lastCard(page);
    await waitForText(detail, 'Owner');
    await expect(buttons(detail)).resolves.toEqual(expect.arrayContaining(['← Back to my incidents', 'Show tasks']));
    await press(page, detail, '← Back to my incidents', 'Open incidents of Alex Wilber');
    await waitForText(lastCard(page), 'Mass download from SharePoint by a departing employee');
    await expect(messageCount(page)).resolves.toBe(before);
  });

  test(`an incident with ${TASKS} tasks lists 10 at a time: "Show 10 more", then the rest with a way back`, async () => {
    const e2e = session();
    const { page } = e2e;
    const raised = await ruleHit(e2e, { title: 'Ransomware note found on a file server', severity: 'High', tactics: ['Impact'], alertsCount: 2 });
    const client = sentinel(e2e);
    for (let i = 1; i <= TASKS; i++) {
      await client.createOrUpdateTask(raised.name, `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, { title: `Check file share FS-${String(i).padStart(2, '0')}`, status: 'New' });
    }
    const n = raised.incidentNumber;
    await say(page, `show tasks for ${n}`);
    const card = lastCard(page);
    await waitForText(card, `Tasks of incident ${n}`);
    await waitForText(card, `Showing 1–10 of ${TASKS}`);
    await waitForText(card, '10. Check file share FS-10');
    await expect(textCount(card, 'Check file share FS-11')).resolves.toBe(0);
    await expect(buttons(card)).resolves.toEqual(expect.arrayContaining(['Show 10 more']));
    await snapshot(page, 'tasks-paging', UPDATE, card.getByRole('button', { name: 'Show 10 more', exact: true }));
    const before = await messageCount(page);
    await press(page, card, 'Show 10 more', `Showing 11–20 of ${TASKS}`);
    const next = lastCard(page);
    await waitForText(next, '20. Check file share FS-20');
    await expect(textCount(next, 'Check file share FS-10')).resolves.toBe(0);
    await expect(buttons(next)).resolves.toEqual(expect.arrayContaining(['Show 1 more', 'Show previous 10']));
    await expect(messageCount(page)).resolves.toBe(before);
  });
}
