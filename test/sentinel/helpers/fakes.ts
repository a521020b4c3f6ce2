/** Test doubles for the clients: a counting credential on a fake clock, a recording sleep. */
import fs from 'node:fs';
import path from 'node:path';
import type { AccessToken, TokenCredential } from '@azure/identity';
import type { WorkspaceConfig } from '../../../src/config';

export const TOKEN_SECRET = 'opaque-secret-token-value';

/** Hands out numbered tokens and counts how often it was asked; its clock is the test's. */
export class CountingCredential implements TokenCredential {
  calls = 0;
  scopes: string[] = [];
  /** Fail the next N calls. */
  failNext = 0;

  constructor(
    private readonly options: { lifetimeMs?: number; now?: () => number; jwt?: boolean; latencyMs?: number } = {},
  ) {}

  async getToken(scopes: string | string[]): Promise<AccessToken> {
    this.calls++;
    this.scopes.push(Array.isArray(scopes) ? scopes.join(' ') : scopes);
    // A real credential answers asynchronously; concurrent callers must find the fetch in flight.
    await new Promise((r) => setTimeout(r, this.options.latencyMs ?? 5));
    if (this.failNext > 0) {
      this.failNext--;
      throw new Error('ManagedIdentityCredential: no endpoint found');
    }
    const now = (this.options.now ?? Date.now)();
    const token = this.options.jwt ? `eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.${TOKEN_SECRET}-${this.calls}` : `${TOKEN_SECRET}-${this.calls}`;
    return { token, expiresOnTimestamp: now + (this.options.lifetimeMs ?? 3600_000) };
  }
}

/** A clock the test moves by hand. */
export function fakeClock(start = Date.parse('2026-11-20T09:00:00Z')): { now: () => number; advance: (ms: number) => void } {
  let t = start;
  return { now: () => t, advance: (ms) => void (t += ms) };
}

/** A sleep that returns at once and remembers what it was asked to wait. */
export function recordingSleep(): { sleep: (ms: number) => Promise<void>; delays: number[] } {
  const delays: number[] = [];
  return {
    delays,
    sleep: async (ms) => {
      delays.push(ms);
    },
  };
}

/** The workspace of the swagger examples, served by the scripted server. */
export function exampleWorkspace(serverUrl: string): WorkspaceConfig {
  return {
    subscriptionId: 'd0cfe6b2-9ac0-4464-9919-dccaee2e48c0',
    resourceGroup: 'myRg',
    workspaceName: 'myWorkspace',
    logAnalyticsWorkspaceId: '63613592-b6f7-4c3d-a390-22ba13102111',
    armEndpoint: serverUrl,
    logAnalyticsEndpoint: serverUrl,
    apiVersion: '2025-09-01',
  };
}

export const BASE_PATH =
  '/subscriptions/d0cfe6b2-9ac0-4464-9919-dccaee2e48c0/resourceGroups/myRg/providers/Microsoft.OperationalInsights/workspaces/myWorkspace/providers/Microsoft.SecurityInsights';

export const INCIDENT_ID = '73e01a99-5cd7-4139-a149-9f2736ff2ab5';
export const TASK_ID = '4bb36b7b-26ff-4d1c-9cbe-0d8ab3da0014';

/** An example file: `{ parameters, responses }` as in azure-rest-api-specs. */
export interface SwaggerExample {
  parameters: Record<string, unknown>;
  responses: Record<string, { body?: unknown }>;
}

export function example(name: string): SwaggerExample {
  return JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'fixtures', name), 'utf8')) as SwaggerExample;
}
