/**
 * Starts the bot (emulator mode) and the Agents Playground on free loopback ports and
 * drives the Playground with Debian's Chromium through playwright-core. No browser is
 * downloaded: a missing /usr/bin/chromium is an error, never a silent skip.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import axios from 'axios';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { loadConfig } from '../../src/config';
import { startPlayground, type RunningPlayground } from '../../src/devtools/playground';
import { startApp, type RunningApp } from '../../src/index';
import pino from 'pino';
import { createLogger, silentLogger } from '../../src/logging';
import { freePort } from '../helpers/processes';

export const CHROMIUM = '/usr/bin/chromium';
export const SCREENSHOT_DIR = path.resolve(__dirname, '..', '..', 'docs', 'screenshots');
const RESULTS_DIR = path.resolve(__dirname, '..', '..', 'test-results');

async function waitForHttp(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const res = await axios.get(url, { timeout: 2000, validateStatus: () => true });
      if (res.status === 200) return;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not come up within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

export interface E2E {
  app: RunningApp;
  playground: RunningPlayground;
  browser: Browser;
  page: Page;
  dataDir: string;
  stop(): Promise<void>;
}

export async function startE2E(): Promise<E2E> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`Chromium is not installed at ${CHROMIUM}. Install Debian's package: sudo apt-get install chromium`);
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-'));
  // The feed's timer is kept out of the way: the channel journey polls when it means to (app.pollFeed).
  const config = loadConfig({ PORT: '0', PLAYGROUND: 'off', SENTINEL_EMULATOR_PORT: '0', SENTINEL_EMULATOR_DATA_DIR: dataDir, LOG_LEVEL: 'info', INCIDENT_FEED_POLL_MS: '3600000' });
  // The bot's log goes to a file: a failing step prints its tail (CI keeps no other trace of it).
  const botLog = path.join(dataDir, 'bot.log');
  const app = await startApp(config, createLogger({ level: 'info', destination: pino.destination({ dest: botLog, sync: true }) }));
  diagnostics = { botLog, emulatorUrl: app.emulatorUrl };
  const port = await freePort();
  const playground = startPlayground({ botEndpoint: `${app.server.url}/api/messages`, port, logger: silentLogger, logFile: path.join(dataDir, 'playground.log') });
  if (!playground) throw new Error('The Agents Playground is not installed (npm ci installs it)');
  await waitForHttp(playground.url, 60000);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  await page.goto(playground.url, { waitUntil: 'networkidle' });
  await page.locator('[contenteditable="true"][role="textbox"]').last().waitFor();
  // The Playground's log panel shows local file paths and crowds the chat: screenshots show the chat only.
  const hideLogs = page.locator('button[title="Hide log panel"]');
  if (await hideLogs.isVisible()) await hideLogs.click();
  return {
    app,
    playground,
    browser,
    page,
    dataDir,
    stop: async () => {
      await browser.close().catch(() => undefined);
      await playground.stop();
      await app.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

// A card's message, not the cards nested in it (an expanded Action.ShowCard is a card of its own).
const MESSAGE_CARD = 'xpath=//div[contains(concat(" ", normalize-space(@class), " "), " ac-adaptiveCard ") and not(ancestor::div[contains(concat(" ", normalize-space(@class), " "), " ac-adaptiveCard ")])]';

/** Every card message in the open conversation, oldest first in a chat. */
export function messageCards(page: Page): Locator {
  return page.locator(MESSAGE_CARD);
}

let diagnostics: { botLog: string; emulatorUrl?: string } | undefined;

/**
 * What the page showed when a step gave up: a screenshot in test-results/, and on stderr the
 * newest cards' text, the emulator's request counts and the tail of the bot's log, so a CI
 * log alone says what happened.
 */
export async function failureShot(page: Page, label: string): Promise<void> {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const name = `failed-${label.replace(/\W+/g, '-').slice(0, 40)}`;
  await page.screenshot({ path: path.join(RESULTS_DIR, `${name}.png`) }).catch(() => undefined);
  const cards = await messageCards(page)
    .evaluateAll((els) => els.slice(-3).map((e) => ((e as unknown as { innerText: string }).innerText).replace(/\s+/g, ' ').slice(0, 600)))
    .catch((err: unknown) => [`(cards unreadable: ${String(err)})`]);
  const stats = diagnostics?.emulatorUrl
    ? await axios.get(`${diagnostics.emulatorUrl}/_emulator/stats`, { timeout: 2000 }).then((r) => JSON.stringify(r.data), (err: unknown) => `(stats unreadable: ${String(err)})`)
    : '(no emulator)';
  const log = diagnostics && fs.existsSync(diagnostics.botLog) ? fs.readFileSync(diagnostics.botLog, 'utf8').split('\n').slice(-40).join('\n') : '(no bot log)';
  const report = [`step gave up: ${label}`, 'newest cards:', ...cards.map((c, i) => `  [${i}] ${c}`), `emulator stats: ${stats}`, 'bot log (tail):', log].join('\n');
  fs.writeFileSync(path.join(RESULTS_DIR, `${name}.txt`), report);
  process.stderr.write(`\n${report}\n`);
}

/**
 * Types a message into the Playground's compose box and sends it; resolves when a new card
 * arrives, or, for an answer in plain text, when `reply` shows in the conversation.
 */
export async function say(page: Page, text: string, reply?: string): Promise<void> {
  const before = await messageCards(page).count();
  const replies = reply === undefined ? 0 : await page.getByText(reply).count();
  const box = page.locator('[contenteditable="true"][role="textbox"]').last();
  await box.click();
  await box.fill(text);
  await page.keyboard.press('Enter');
  try {
    if (reply === undefined) await expectCount(messageCards(page), (n) => n > before, 30000);
    else await expectCount(page.getByText(reply), (n) => n > replies, 30000);
  } catch (err) {
    await failureShot(page, `say-${text}`);
    throw err;
  }
}

async function expectCount(locator: Locator, ok: (n: number) => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const n = await locator.count();
    if (ok(n)) return;
    if (Date.now() > deadline) throw new Error(`${String(locator)}: count ${n} did not change within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The newest card message in a chat. */
export function lastCard(page: Page): Locator {
  return messageCards(page).last();
}

/** Opens a conversation from the Playground's list: "Personal Chat", "SOC triage", "Security Operations - Incidents". */
export async function openConversation(page: Page, name: string): Promise<void> {
  await page.getByRole('treeitem', { name, exact: true }).click();
  await page.locator('[contenteditable="true"][role="textbox"]').first().waitFor();
}

/** Types "@" and the start of a name, and picks the name from the Playground's mention picker. */
async function mention(page: Page, name: string): Promise<void> {
  await page.keyboard.type(`@${name.slice(0, 4)}`);
  await page.locator('#typeahead-menu').getByRole('menuitem', { name }).click();
}

async function mentionBot(page: Page, box: Locator, botName: string): Promise<void> {
  await box.click();
  await mention(page, botName);
}

/**
 * Starts a new post in the open channel, @mentioning the bot as a person does in Teams (the
 * Playground's mention picker), and resolves when the bot's reply shows `expected`.
 */
export async function postInChannel(page: Page, botName: string, text: string, expected: string | RegExp): Promise<void> {
  await mentionBot(page, page.locator('[contenteditable="true"][role="textbox"]').first(), botName);
  await page.keyboard.type(` ${text}`);
  await page.getByRole('button', { name: 'Post', exact: true }).click();
  try {
    await page.getByText(expected).first().waitFor({ timeout: 30000 });
  } catch (err) {
    await failureShot(page, `post-${text}`);
    throw err;
  }
}

/** A message with mentions: text as typed, `{ mention }` picked from the mention picker. */
export type MessagePart = string | { mention: string };

/** Sends a message in a group chat, @mentioning the bot first; resolves when a new card arrives. */
export async function sayMentioning(page: Page, botName: string, ...parts: MessagePart[]): Promise<void> {
  const before = await messageCards(page).count();
  await mentionBot(page, page.locator('[contenteditable="true"][role="textbox"]').last(), botName);
  await page.keyboard.type(' ');
  for (const part of parts) {
    if (typeof part === 'string') await page.keyboard.type(part);
    else await mention(page, part.mention);
  }
  await page.keyboard.press('Enter');
  try {
    await expectCount(messageCards(page), (n) => n > before, 30000);
  } catch (err) {
    await failureShot(page, `say-${parts.map((p) => (typeof p === 'string' ? p : p.mention)).join('')}`);
    throw err;
  }
}

/** Saves what the person sees: into docs/screenshots with UPDATE_SCREENSHOTS=1, else test-results. */
export async function snapshot(page: Page, name: string, update: boolean, card: Locator = lastCard(page)): Promise<void> {
  const dir = update ? SCREENSHOT_DIR : RESULTS_DIR;
  fs.mkdirSync(dir, { recursive: true });
  await card.scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(dir, `${name}.png`) });
}

/** Picks a choice in a compact ChoiceSet, which the Playground renders as a Fluent combobox. */
export async function choose(card: Locator, label: string, option: string): Promise<void> {
  await card.getByRole('combobox', { name: label }).click();
  await card.page().getByRole('option', { name: option, exact: true }).click();
}

export function choiceValue(card: Locator, label: string): Promise<string> {
  return card.getByRole('combobox', { name: label }).inputValue();
}
