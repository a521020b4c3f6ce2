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
import { silentLogger } from '../../src/logging';
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
  const config = loadConfig({ PORT: '0', PLAYGROUND: 'off', SENTINEL_EMULATOR_PORT: '0', SENTINEL_EMULATOR_DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
  const app = await startApp(config, silentLogger);
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

/** Types a message into the Playground's compose box and sends it. */
export async function say(page: Page, text: string): Promise<void> {
  const before = await page.locator('.ac-adaptiveCard').count();
  const box = page.locator('[contenteditable="true"][role="textbox"]').last();
  await box.click();
  await box.fill(text);
  await page.keyboard.press('Enter');
  try {
    await page.waitForFunction(`document.querySelectorAll('.ac-adaptiveCard').length > ${before}`, undefined, { timeout: 30000 });
  } catch (err) {
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    await page.screenshot({ path: path.join(RESULTS_DIR, `failed-say-${text.replace(/\W+/g, '-').slice(0, 40)}.png`) });
    throw err;
  }
}

/** The newest card in the conversation. */
export function lastCard(page: Page): Locator {
  return page.locator('.ac-adaptiveCard').last();
}

/** Saves what the person sees: into docs/screenshots with UPDATE_SCREENSHOTS=1, else test-results. */
export async function snapshot(page: Page, name: string, update: boolean): Promise<void> {
  const dir = update ? SCREENSHOT_DIR : RESULTS_DIR;
  fs.mkdirSync(dir, { recursive: true });
  await page.locator('.ac-adaptiveCard').last().scrollIntoViewIfNeeded();
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
