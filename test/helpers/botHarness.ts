/**
 * Runs the real bot (restify + CloudAdapter + dialogs) against the real emulator, both
 * on free loopback ports, and talks to it as Teams would: POST /api/messages with
 * `deliveryMode: "expectReplies"`, so replies come back in the HTTP response.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import axios from 'axios';
import { loadConfig, type AppConfig } from '../../src/config';
import { ALEX, DEMO_TENANT_ID, type DemoUser } from '../../src/demo/identities';
import { startApp, type AppOverrides, type RunningApp } from '../../src/index';
import { silentLogger, type Logger } from '../../src/logging';

export type Json = Record<string, unknown>;

/** The emulator's ingestion delay in the bot's integration tests (Azure's is longer, 20 s or more). */
export const INGESTION_DELAY_MS = 1500;

/** Polls `check` until it holds (or `timeoutMs` passes), as a person waiting for the audit log would. */
export async function eventually<T>(read: () => Promise<T>, check: (value: T) => boolean, timeoutMs = INGESTION_DELAY_MS * 4): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (check(value) || Date.now() > until) return value;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

export interface Activity extends Json {
  type: string;
  text?: string;
  attachments?: Array<{ contentType: string; content: Json }>;
}

export interface InvokeAnswer {
  status: number;
  body: { statusCode?: number; type?: string; value?: Json } | undefined;
}

export interface BotHarness {
  app: RunningApp;
  botUrl: string;
  emulatorUrl: string;
  dataDir: string;
  stop(): Promise<void>;
}

export async function startBotHarness(env: Record<string, string> = {}, overrides: Partial<AppConfig> = {}, logger: Logger = silentLogger, replacements: AppOverrides = {}): Promise<BotHarness> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bot-it-'));
  const base = loadConfig({
    PORT: '0',
    PLAYGROUND: 'off',
    SENTINEL_EMULATOR_PORT: '0',
    SENTINEL_EMULATOR_DATA_DIR: dataDir,
    // The bot's journeys run as in Azure: audit records become queryable some time after a change.
    SENTINEL_EMULATOR_INGESTION_DELAY_MS: String(INGESTION_DELAY_MS),
    LOG_LEVEL: 'silent',
    ...env,
  });
  const config: AppConfig = { ...base, ...overrides };
  const app = await startApp(config, logger, replacements);
  return {
    app,
    botUrl: app.server.url,
    emulatorUrl: app.emulatorUrl ?? '',
    dataDir,
    stop: async () => {
      await app.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface Chat {
  say(text: string): Promise<Activity[]>;
  /** Presses an Action.Execute button: answers with the replacement card. */
  press(verb: string, data?: Json, options?: { replyToId?: string }): Promise<InvokeAnswer>;
  /** Any other invoke Teams sends (signin/tokenExchange, signin/verifyState), with normal delivery. */
  invoke(name: string, value: Json): Promise<InvokeAnswer>;
  /** Sends any activity fields (for hostile-input tests). */
  raw(activity: Json): Promise<{ status: number; data: unknown }>;
}

export interface ChatOptions {
  conversationId?: string;
  serviceUrl?: string;
  /** 'expectReplies' (default) returns replies in the HTTP answer; 'normal' sends them to serviceUrl. */
  deliveryMode?: 'expectReplies' | 'normal';
  conversationType?: 'personal' | 'groupChat' | 'channel';
  tenantId?: string;
  /** The person's IANA time zone, which Teams sends on the messages they type (not on card presses). */
  localTimezone?: string;
}

export function chat(botUrl: string, user: Pick<DemoUser, 'objectId' | 'name'> & { id?: string } = ALEX, options: ChatOptions = {}): Chat {
  const conversationId = options.conversationId ?? `conv-${randomUUID()}`;
  const tenantId = options.tenantId ?? DEMO_TENANT_ID;
  const base = (): Json => ({
    id: randomUUID(),
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    // Nothing listens here: calls to the connector fail fast, as they would with no Teams.
    serviceUrl: options.serviceUrl ?? 'http://127.0.0.1:9/',
    from: { id: user.id ?? `user-${user.objectId}`, name: user.name, aadObjectId: user.objectId },
    recipient: { id: '28:sentinel-teams-bot', name: 'Sentinel Incidents' },
    conversation: { id: conversationId, conversationType: options.conversationType ?? 'personal', tenantId, isGroup: options.conversationType !== undefined && options.conversationType !== 'personal' },
    channelData: { tenant: { id: tenantId } },
    locale: 'en-US',
    deliveryMode: options.deliveryMode ?? 'expectReplies',
  });
  const post = async (activity: Json): Promise<{ status: number; data: unknown }> => {
    const res = await axios.post(`${botUrl}/api/messages`, activity, { validateStatus: () => true, timeout: 20000 });
    return { status: res.status, data: res.data };
  };
  return {
    async say(text) {
      const res = await post({ ...base(), type: 'message', text, ...(options.localTimezone !== undefined ? { localTimezone: options.localTimezone } : {}) });
      if (res.status !== 200) throw new Error(`bot answered HTTP ${res.status}`);
      const activities = ((res.data as { activities?: Activity[] })?.activities ?? []) as Activity[];
      return activities.filter((a) => a.type !== 'typing');
    },
    async press(verb, data = {}, pressed = {}) {
      // Teams sends invokes with normal delivery: the invoke response is the HTTP body. `replyToId`: the message whose card was pressed.
      const res = await post({ ...base(), deliveryMode: undefined, type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb, data } }, ...(pressed.replyToId ? { replyToId: pressed.replyToId } : {}) });
      return { status: res.status, body: res.data as InvokeAnswer['body'] };
    },
    async invoke(name, value) {
      const res = await post({ ...base(), deliveryMode: undefined, type: 'invoke', name, value });
      return { status: res.status, body: res.data as InvokeAnswer['body'] };
    },
    raw: post,
  };
}

/** The Adaptive Card of a reply, if it has one. */
export function cardOf(activity: Activity | undefined): Json | undefined {
  return activity?.attachments?.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')?.content;
}

/** All text a person would read on a card, in order. */
export function cardTexts(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => cardTexts(n, out));
  else if (node && typeof node === 'object') {
    const o = node as Json;
    if (typeof o.text === 'string') out.push(o.text);
    if (typeof o.title === 'string') out.push(o.title);
    for (const [k, v] of Object.entries(o)) if (k !== 'text' && k !== 'title') cardTexts(v, out);
  }
  return out;
}

export function findInput(card: unknown, id: string): Json | undefined {
  let found: Json | undefined;
  const walk = (n: unknown): void => {
    if (found) return;
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') {
      const o = n as Json;
      if (o.id === id && typeof o.type === 'string' && o.type.startsWith('Input.')) found = o;
      else Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return found;
}

/** The submission id the bot put on a report card's buttons. */
export function submissionIdOf(card: Json | undefined): string {
  const actions = (card?.actions ?? []) as Array<{ data?: { submissionId?: string } }>;
  const id = actions.find((a) => a.data?.submissionId)?.data?.submissionId;
  if (!id) throw new Error('card has no submission id');
  return id;
}
