/** Reads the emulator's state through the real client, to check what the bot did. */
import type { BotHarness } from './botHarness';
import { createCredential } from '../../src/azure/credentials';
import { SentinelClient } from '../../src/sentinel/sentinelClient';
import { AuditLogClient } from '../../src/sentinel/auditLogClient';

export function probe(h: BotHarness): { sentinel: SentinelClient; audit: AuditLogClient } {
  const workspace = { ...h.app.config.workspace, armEndpoint: h.emulatorUrl, logAnalyticsEndpoint: h.emulatorUrl };
  const options = { workspace, credential: createCredential('emulator', workspace.armEndpoint), http: { timeoutInMs: 5000, maxRetries: 0, maxRetryDelayInMs: 0 } };
  return { sentinel: new SentinelClient(options), audit: new AuditLogClient(options) };
}
