/**
 * What the journeys do and check, in a person's terms: wait for text on a card, press a
 * button, and read the emulator's state through Sentinel's own API (never the bot's).
 */
import axios from 'axios';
import type { Locator, Page } from 'playwright-core';
import { createCredential } from '../../src/azure/credentials';
import { SentinelClient } from '../../src/sentinel/sentinelClient';
import { failureShot, lastCard, messageCards, type E2E } from './playgroundHarness';

export const UPDATE = process.env.UPDATE_SCREENSHOTS === '1';
const WAIT_MS = 30000;

export async function waitForText(card: Locator, text: string | RegExp, options: { exact?: boolean } = {}): Promise<void> {
  await card.getByText(text, options).first().waitFor({ timeout: WAIT_MS });
}

/** How many times the card shows this text (0: absent). */
export function textCount(card: Locator, text: string | RegExp, options: { exact?: boolean } = {}): Promise<number> {
  return card.getByText(text, options).count();
}

export function buttons(card: Locator): Promise<string[]> {
  return card.getByRole('button').evaluateAll((els) => els.map((e) => (e.getAttribute('aria-label') ?? e.textContent ?? '').trim()));
}

/** Presses a card button and waits for the newest card to show `expected`. */
export async function press(page: Page, card: Locator, button: string | RegExp, expected: string | RegExp): Promise<void> {
  await card.getByRole('button', { name: button, exact: true }).first().click();
  try {
    await waitForText(lastCard(page), expected);
  } catch (err) {
    await failureShot(page, `press-${String(button)}`);
    throw err;
  }
}

/** The number of card messages in the open conversation: a press that replaces its card leaves it unchanged. */
export function messageCount(page: Page): Promise<number> {
  return messageCards(page).count();
}

export function sentinel(e2e: E2E): SentinelClient {
  const workspace = { ...e2e.app.config.workspace, armEndpoint: e2e.app.emulatorUrl ?? '', logAnalyticsEndpoint: e2e.app.emulatorUrl ?? '' };
  return new SentinelClient({ workspace, credential: createCredential('emulator', workspace.armEndpoint), http: { timeoutInMs: 5000, maxRetries: 0, maxRetryDelayInMs: 0 } });
}

/** The incident's owner as Sentinel has it: the object id, or undefined when unassigned. */
export async function ownerOf(e2e: E2E, incidentNumber: number): Promise<string | undefined> {
  const incident = await sentinel(e2e).getIncidentByNumber(incidentNumber);
  return incident.properties.owner?.objectId?.toLowerCase() || undefined;
}

/** An analytics rule fires in the emulator (POST /_emulator/ruleHits): a new incident nobody made in Teams. */
export async function ruleHit(e2e: E2E, hit: { title: string; severity?: string; tactics?: string[]; alertsCount?: number }): Promise<{ name: string; incidentNumber: number }> {
  const res = await axios.post<{ name: string; incidentNumber: number }>(`${e2e.app.emulatorUrl ?? ''}/_emulator/ruleHits`, hit, { timeout: 5000 });
  return res.data;
}
