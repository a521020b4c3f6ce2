/**
 * Incidents as an analytics rule raises them: what Sentinel's scheduled rules do in a real
 * workspace, so the bot's feed sees incidents nobody created through the bot.
 */
import { randomUUID } from 'node:crypto';
import { ArmError } from './arm/errors';
import { SEVERITIES, type Severity, type StoredIncident } from './model';
import type { WorkspaceStore } from './store/workspaceStore';

export interface RuleHit {
  title: string;
  severity: Severity;
  tactics: string[];
  alertsCount: number;
  ruleName: string;
  /** The product whose alert raised it, as in additionalData.alertProductNames ("Microsoft Defender for Endpoint"). */
  productName?: string;
}

/** The rule's identity in audit records (Sentinel records the rule's service as the modifier). */
const RULE_ACTOR = { name: 'Microsoft Sentinel analytics rule' };

const DEMO_RULES: readonly RuleHit[] = [
  { title: 'Multiple failed sign-ins followed by a success', severity: 'High', tactics: ['CredentialAccess', 'InitialAccess'], alertsCount: 3, ruleName: 'Brute force against Entra ID' },
  { title: 'Rare process launched by Office application', severity: 'Medium', tactics: ['Execution'], alertsCount: 1, ruleName: 'Office spawning unusual child process' },
  { title: 'Mass download from SharePoint', severity: 'Medium', tactics: ['Exfiltration'], alertsCount: 2, ruleName: 'Anomalous SharePoint downloads' },
  { title: 'Sign-in from an anonymous IP address', severity: 'Low', tactics: ['InitialAccess'], alertsCount: 1, ruleName: 'Anonymous IP sign-in' },
];

/** Reads a control API body; anything missing gets a rule's usual value, anything wrong a 400. */
export function parseRuleHit(body: unknown): RuleHit {
  const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const title = b.title ?? 'Suspicious activity detected';
  if (typeof title !== 'string' || !title.trim() || title.length > 255) throw new ArmError(400, 'InvalidRuleHit', 'title must be a string of 1 to 255 characters.');
  const severity = b.severity ?? 'Medium';
  if (!SEVERITIES.includes(severity as Severity)) throw new ArmError(400, 'InvalidRuleHit', `severity must be one of ${SEVERITIES.join(', ')}.`);
  const tactics = b.tactics ?? [];
  if (!Array.isArray(tactics) || tactics.length > 20 || !tactics.every((t) => typeof t === 'string' && /^[A-Za-z]{1,64}$/.test(t))) throw new ArmError(400, 'InvalidRuleHit', 'tactics must be a list of MITRE tactic names such as InitialAccess.');
  const alertsCount = b.alertsCount ?? 1;
  if (typeof alertsCount !== 'number' || !Number.isSafeInteger(alertsCount) || alertsCount < 1 || alertsCount > 10000) throw new ArmError(400, 'InvalidRuleHit', 'alertsCount must be a whole number from 1 to 10000.');
  const ruleName = b.ruleName ?? title;
  if (typeof ruleName !== 'string' || ruleName.length > 255) throw new ArmError(400, 'InvalidRuleHit', 'ruleName must be a string of at most 255 characters.');
  const productName = b.productName ?? 'Microsoft Sentinel';
  if (typeof productName !== 'string' || !productName.trim() || productName.length > 128) throw new ArmError(400, 'InvalidRuleHit', 'productName must be a string of 1 to 128 characters, such as Microsoft Defender for Endpoint.');
  return { title: title.trim(), severity: severity as Severity, tactics: tactics as string[], alertsCount, ruleName, productName: productName.trim() };
}

export function raiseIncident(store: WorkspaceStore, hit: RuleHit): StoredIncident {
  const ruleId = `rule-${Buffer.from(hit.ruleName).toString('hex').slice(0, 32)}`;
  const { incident } = store.putIncident(
    randomUUID(),
    { title: hit.title, description: `Raised by the analytics rule "${hit.ruleName}".`, severity: hit.severity, status: 'New', labels: [] },
    { actor: RULE_ACTOR },
    { ruleId, alerts: { count: hit.alertsCount, tactics: hit.tactics, productNames: [hit.productName ?? 'Microsoft Sentinel'] } },
  );
  return incident;
}

/** The demo's trickle: one of a few typical rule hits every `everyMs`, so a watching channel sees the feed move. */
export function startRuleTrickle(store: WorkspaceStore, everyMs: number, count: number): { stop(): void } {
  let fired = 0;
  const timer = setInterval(() => {
    raiseIncident(store, DEMO_RULES[fired % DEMO_RULES.length]!);
    fired++;
    if (fired >= count) clearInterval(timer);
  }, everyMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
