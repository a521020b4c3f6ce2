/**
 * What a person sees in a Teams-like client: the Agents Playground (channel msteams)
 * rendering our cards in Chromium, with Universal Actions replacing cards in place.
 * `npm run screenshots` runs these with UPDATE_SCREENSHOTS=1 to refresh docs/screenshots.
 */
import type { Locator } from 'playwright-core';
import { createCredential } from '../../src/azure/credentials';
import { SentinelClient } from '../../src/sentinel/sentinelClient';
import { choiceValue, choose, lastCard, say, snapshot, startE2E, type E2E } from './playgroundHarness';

const UPDATE = process.env.UPDATE_SCREENSHOTS === '1';
let e2e: E2E;

beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await e2e?.stop();
});

async function waitForText(card: Locator, text: string | RegExp): Promise<void> {
  await card.getByText(text).first().waitFor({ timeout: 30000 });
}

async function press(card: Locator, button: string, expected: string | RegExp): Promise<void> {
  await card.getByRole('button', { name: button }).click();
  await waitForText(lastCard(e2e.page), expected);
}

function sentinel(): SentinelClient {
  const workspace = { ...e2e.app.config.workspace, armEndpoint: e2e.app.emulatorUrl ?? '', logAnalyticsEndpoint: e2e.app.emulatorUrl ?? '' };
  return new SentinelClient({ workspace, credential: createCredential('emulator'), http: { timeoutInMs: 5000, maxRetries: 0, maxRetryDelayInMs: 0 } });
}

test('help shows the help card', async () => {
  await say(e2e.page, 'help');
  const card = lastCard(e2e.page);
  await waitForText(card, 'Sentinel incident bot');
  await waitForText(card, 'show tasks for 405211');
  await snapshot(e2e.page, 'help', UPDATE);
});

test('report -> form with the title prefilled -> review -> create -> confirmation', async () => {
  await say(e2e.page, 'report phishing email pretending to be the CEO');
  const form = lastCard(e2e.page);
  await waitForText(form, 'Report suspicious activity');
  await expect(form.getByLabel('Title').inputValue()).resolves.toBe('phishing email pretending to be the CEO');
  await choose(form, 'Severity', 'High');
  await form.getByLabel('Tags').fill('phishing, email');
  await press(form, 'Review', 'Review your report');
  const review = lastCard(e2e.page);
  await waitForText(review, 'phishing, email');
  await press(review, 'Create incident', /Incident \d+ created/);
  const confirmation = lastCard(e2e.page);
  const banner = await confirmation.getByText(/Incident \d+ created/).first().innerText();
  const number = Number(/Incident (\d+) created/.exec(banner)?.[1]);
  await snapshot(e2e.page, 'report-created', UPDATE);

  const incident = await sentinel().getIncidentByNumber(number);
  expect(incident.properties.title).toBe('phishing email pretending to be the CEO');
  expect(incident.properties.severity).toBe('High');
  expect(incident.properties.labels?.map((l) => l.labelName)).toEqual(['phishing', 'email']);
});

test('submitting the form with an empty title shows the error and keeps the other values', async () => {
  await say(e2e.page, 'report');
  const form = lastCard(e2e.page);
  await waitForText(form, 'Report suspicious activity');
  await choose(form, 'Severity', 'Low');
  await form.getByLabel('Tags').fill('usb, lobby');
  await form.getByLabel('Title').fill('   ');
  await form.getByRole('button', { name: 'Review' }).click();
  await waitForText(lastCard(e2e.page), 'Give the incident a title.');
  const after = lastCard(e2e.page);
  await expect(after.getByLabel('Tags').inputValue()).resolves.toBe('usb, lobby');
  await expect(choiceValue(after, 'Severity')).resolves.toBe('Low');
  await snapshot(e2e.page, 'report-invalid', UPDATE);
});

test('show tasks for 405211 lists the two tasks of the walkthrough', async () => {
  await say(e2e.page, 'show tasks for 405211');
  const card = lastCard(e2e.page);
  await waitForText(card, 'Tasks of incident 405211');
  await waitForText(card, "1. Revoke the user's sessions and reset the password");
  await waitForText(card, '2. Remove the forwarding rule and check for other rules');
  await waitForText(card, '1 of 2 done');
  await expect(card.getByText('This task is a test task!').count()).resolves.toBe(0);
  await snapshot(e2e.page, 'show-tasks', UPDATE);
});

test('assign 405211 to me asks before taking it from Ada, then shows the Playground user as owner', async () => {
  await say(e2e.page, 'assign 405211 to me');
  await waitForText(lastCard(e2e.page), 'Take incident 405211 from Ada Lovelace?');
  await press(lastCard(e2e.page), 'Take it', 'Incident 405211 is now assigned to you, Alex Wilber.');
  const card = lastCard(e2e.page);
  await waitForText(card, 'Alex Wilber');
  await snapshot(e2e.page, 'assign-to-me', UPDATE);
  const incident = await sentinel().getIncidentByNumber(405211);
  expect(incident.properties.owner?.assignedTo).toBe('Alex Wilber');
});
