/**
 * Latency under Azure-like latency: the emulator delays every ARM request by about 120 ms and
 * every query by about 700 ms (its fault injection), and each action runs one turn at a time.
 * Its p50 is printed next to its critical path: the round trips it must make one after
 * another, times their delay. What is left is ours (and the machine's).
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import axios from 'axios';
import { createCredential } from '../../src/azure/credentials';
import { loadConfig } from '../../src/config';
import { startApp, type RunningApp } from '../../src/index';
import { ADA } from '../../src/demo/identities';
import { silentLogger } from '../../src/logging';
import { SentinelClient } from '../../src/sentinel/sentinelClient';
import { activity, percentile } from './common';

export const ARM_DELAY_MS = 120;
export const QUERY_DELAY_MS = 700;

export interface ActionLatency {
  action: string;
  p50: number;
  /** Sequential round trips and their sum of delays. */
  arm: number;
  query: number;
  criticalPathMs: number;
}

/** Teams' side, answering roster lookups at once, as Teams does for the person who acted. */
async function startRoster(): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const member = /\/members\/([^/?]+)/.exec(req.url ?? '');
      const body = member ? { id: decodeURIComponent(member[1]!), name: 'Alex Wilber', userPrincipalName: 'alexw@contoso.com', email: 'alexw@contoso.com' } : { id: randomUUID() };
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

export async function azureLatency(iterations: number): Promise<ActionLatency[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-latency-'));
  const roster = await startRoster();
  const app: RunningApp = await startApp(loadConfig({ PORT: '0', PLAYGROUND: 'off', SENTINEL_EMULATOR_PORT: '0', SENTINEL_EMULATOR_DATA_DIR: dir, LOG_LEVEL: 'silent', INVOKE_DEADLINE_MS: '10000' }), silentLogger);
  const url = `${app.server.url}/api/messages`;
  const direct = new SentinelClient({ workspace: { ...app.config.workspace, armEndpoint: app.emulatorUrl!, logAnalyticsEndpoint: app.emulatorUrl! }, credential: createCredential('emulator', app.emulatorUrl!), http: { timeoutInMs: 10000, maxRetries: 0, maxRetryDelayInMs: 0 } });
  const conversation = `bench-latency-${randomUUID()}`;
  const message = (text: string): Record<string, unknown> => ({ ...activity(text, conversation), serviceUrl: roster.url });
  const say = async (text: string): Promise<string> => JSON.stringify((await axios.post(url, message(text))).data);
  const press = async (verb: string, data: Record<string, unknown>): Promise<string> =>
    JSON.stringify((await axios.post(url, { ...message(''), deliveryMode: undefined, type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb, data } } })).data);
  const incident = async (tasks: number): Promise<number> => {
    const name = randomUUID();
    const { incident: created } = await direct.createOrUpdateIncident(name, { properties: { title: `Latency ${name}`, severity: 'Medium', status: 'New' } });
    for (let i = 0; i < tasks; i++) await direct.createOrUpdateTask(name, randomUUID(), { title: `Task ${i + 1}`, status: 'New' });
    return created.properties.incidentNumber!;
  };
  const results: ActionLatency[] = [];
  /** `turn(i)` runs iteration i and returns the answer, which must contain `expect`. */
  const measure = async (action: string, arm: number, query: number, turn: (i: number) => Promise<string>, expect: (i: number) => string): Promise<void> => {
    const times: number[] = [];
    for (let i = 0; i < iterations; i++) {
      const t = performance.now();
      const answer = await turn(i);
      times.push(performance.now() - t);
      if (!answer.includes(expect(i))) throw new Error(`${action}: unexpected answer ${answer.slice(0, 300)}`);
      // Background attribution comments are not on the critical path; keep them from overlapping the next turn.
      await app.attributions.drain();
    }
    results.push({ action, p50: Math.round(percentile(times, 50)), arm, query, criticalPathMs: arm * ARM_DELAY_MS + query * QUERY_DELAY_MS });
  };
  try {
    // Warm: tokens fetched, cards loaded, the person's roster entry and the incidents' names known.
    const n = await incident(0);
    const withTasks = await incident(iterations);
    const closing = await Promise.all(Array.from({ length: iterations }, () => incident(0)));
    for (const x of [n, withTasks, 405211, ...closing]) await say(`show ${x}`);
    await say('show tasks for 405211');
    await press('incident.assignToMe', { incidentNumber: n });
    await axios.put(`${app.emulatorUrl}/_emulator/faults`, [
      { match: { api: 'arm' }, fault: { delayMs: ARM_DELAY_MS } },
      { match: { api: 'query' }, fault: { delayMs: QUERY_DELAY_MS } },
    ]);
    const severities = ['High', 'Low'];
    const statuses = ['Active', 'New'];
    await measure('show tasks', 0, 1, () => say('show tasks for 405211'), () => 'Tasks of incident 405211');
    await measure('show incident', 1, 0, () => say(`show ${n}`), () => `Incident ${n}`);
    await measure('set severity', 2, 0, (i) => say(`set severity of ${n} to ${severities[i % 2]}`), (i) => `is now ${severities[i % 2]}`);
    await measure('set status', 2, 0, (i) => say(`set status of ${n} to ${statuses[i % 2]}`), (i) => `is now ${statuses[i % 2]}`);
    await measure('comment', 1, 0, (i) => say(`comment ${n} Bench note ${i}`), () => 'Added your comment');
    await measure('add task', 2, 0, (i) => say(`add task Bench task ${i} to ${n}`), (i) => `Added \\"Bench task ${i}\\"`);
    await measure('complete task', 2, 0, (i) => say(`complete task ${i + 1} of ${withTasks}`), (i) => `Completed \\"Task ${i + 1}\\"`);
    await measure('close form', 1, 0, () => press('incident.closeForm', { incidentNumber: withTasks }), () => 'Close incident');
    await measure('close', 2, 0, (i) => press('incident.close', { incidentNumber: closing[i], classification: 'Undetermined', confirmedOpenTasks: 0 }), (i) => `Incident ${closing[i]} is closed`);
    // Assign alternates between two people so that each turn really changes the owner. Taking an
    // incident someone else owns is confirmed first; what is timed is the confirmed press ("Take
    // it"), which carries the owner the person saw.
    const ada = { id: 'bench-ada', name: ADA.name, aadObjectId: ADA.objectId };
    const alexId = String((message('').from as { aadObjectId?: string }).aadObjectId);
    await axios.post(url, { ...message(`show ${n}`), from: ada });
    const takeOver = async (i: number): Promise<string> => {
      const adaTakes = i % 2 === 0;
      const value = { action: { type: 'Action.Execute', verb: 'incident.takeOver', data: { incidentNumber: n, expectedOwner: adaTakes ? alexId : ADA.objectId } } };
      const body = { ...message(''), deliveryMode: undefined, type: 'invoke', name: 'adaptiveCard/action', value, ...(adaTakes ? { from: ada } : {}) };
      return JSON.stringify((await axios.post(url, body)).data);
    };
    await measure('assign to me', 2, 0, takeOver, () => 'is now assigned to you');
    return results;
  } finally {
    await app.stop();
    await roster.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
