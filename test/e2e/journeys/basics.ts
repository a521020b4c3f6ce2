/** The first things a newcomer tries: help, reporting (and a mistake in the form), tasks, taking an incident. */
import { ALEX } from '../../../src/demo/identities';
import { choiceValue, choose, lastCard, say, snapshot, type E2E } from '../playgroundHarness';
import { ownerOf, press, sentinel, UPDATE, waitForText } from '../steps';

export function basicJourneys(session: () => E2E): void {
  test('help shows the help card', async () => {
    const { page } = session();
    await say(page, 'help');
    const card = lastCard(page);
    await waitForText(card, 'Sentinel incident bot');
    await waitForText(card, 'show tasks for 405211');
    await snapshot(page, 'help', UPDATE);
  });

  test('report -> form with the title prefilled -> review -> create -> confirmation', async () => {
    const e2e = session();
    const { page } = e2e;
    await say(page, 'report phishing email pretending to be the CEO');
    const form = lastCard(page);
    await waitForText(form, 'Report suspicious activity');
    await expect(form.getByLabel('Title').inputValue()).resolves.toBe('phishing email pretending to be the CEO');
    await choose(form, 'Severity', 'High');
    await form.getByLabel('Tags').fill('phishing, email');
    await press(page, form, 'Review', 'Review your report');
    const review = lastCard(page);
    await waitForText(review, 'phishing, email');
    await press(page, review, 'Create incident', /Incident \d+ created/);
    const confirmation = lastCard(page);
    const banner = await confirmation.getByText(/Incident \d+ created/).first().innerText();
    const number = Number(/Incident (\d+) created/.exec(banner)?.[1]);
    await snapshot(page, 'report-created', UPDATE);

    const incident = await sentinel(e2e).getIncidentByNumber(number);
    expect(incident.properties.title).toBe('phishing email pretending to be the CEO');
    expect(incident.properties.severity).toBe('High');
    expect(incident.properties.labels?.map((l) => l.labelName)).toEqual(['phishing', 'email']);
  });

  test('submitting the form with an empty title shows the error and keeps the other values', async () => {
    const { page } = session();
    await say(page, 'report');
    const form = lastCard(page);
    await waitForText(form, 'Report suspicious activity');
    await choose(form, 'Severity', 'Low');
    await form.getByLabel('Tags').fill('usb, lobby');
    await form.getByLabel('Title').fill('   ');
    await form.getByRole('button', { name: 'Review' }).click();
    await waitForText(lastCard(page), 'Give the incident a title.');
    const after = lastCard(page);
    await expect(after.getByLabel('Tags').inputValue()).resolves.toBe('usb, lobby');
    await expect(choiceValue(after, 'Severity')).resolves.toBe('Low');
    await snapshot(page, 'report-invalid', UPDATE);
    // Until the form is sent or dropped, other messages are answered with where the form is.
    await say(page, 'cancel', 'Report cancelled. Nothing was created.');
  });

  test('show tasks for 405211 lists the two tasks of the walkthrough', async () => {
    const { page } = session();
    await say(page, 'show tasks for 405211');
    const card = lastCard(page);
    await waitForText(card, 'Tasks of incident 405211');
    await waitForText(card, "1. Revoke the user's sessions and reset the password");
    await waitForText(card, '2. Remove the forwarding rule and check for other rules');
    await waitForText(card, '1 task still open, 1 done');
    await expect(card.getByText('This task is a test task!').count()).resolves.toBe(0);
    await snapshot(page, 'show-tasks', UPDATE);
  });

  test('assign 405211 to me asks before taking it from Ada, then shows the Playground user as owner', async () => {
    const e2e = session();
    const { page } = e2e;
    await say(page, 'assign 405211 to me');
    await waitForText(lastCard(page), 'Take incident 405211 from Ada Lovelace?');
    await press(page, lastCard(page), 'Take it', 'Incident 405211 is now assigned to you, Alex Wilber.');
    const card = lastCard(page);
    await waitForText(card, 'Alex Wilber');
    // The owner is not offered to take what they already own.
    await expect(card.getByRole('button', { name: 'Assign to me' }).count()).resolves.toBe(0);
    await snapshot(page, 'assign-to-me', UPDATE);
    await expect(ownerOf(e2e, 405211)).resolves.toBe(ALEX.objectId);
    const incident = await sentinel(e2e).getIncidentByNumber(405211);
    expect(incident.properties.owner?.assignedTo).toBe('Alex Wilber');
  });
}
