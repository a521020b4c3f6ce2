/**
 * The control API under /_emulator/ (no token, loopback only): fault rules, request counts
 * health, Azure role assignments, analytics rule hits, and the demo tenant's identity provider
 * (tokens for its people and the bot, key rotation), for tests, benchmarks and the demo.
 */
import { ArmError } from './arm/errors';
import { FaultRuleError, parseFaultRules, type FaultInjector } from './faults';
import { Router } from './http/router';
import { reply, type EmulatorRequest } from './http/types';
import { isSentinelRole, type RoleAssignments } from './roles';
import { parseRuleHit, raiseIncident } from './ruleHits';
import type { RequestStats } from './stats';
import type { WorkspaceStore } from './store/workspaceStore';
import { parseTokenRequest, type TokenIssuer } from './tokens';

export interface ControlContext {
  req: EmulatorRequest;
  faults: FaultInjector;
  stats: RequestStats;
  roles: RoleAssignments;
  tokens: TokenIssuer;
  store: WorkspaceStore;
  dataDir: string;
}

export function createControlRouter(): Router<ControlContext> {
  return new Router<ControlContext>()
    .add('GET', '/_emulator/health', 'health', ({ store, dataDir }) =>
      reply(200, { status: 'ok', incidents: store.incidents().length, auditRecords: store.auditTable.size, journalBytes: store.journalBytes, dataDir }),
    )
    .add('GET', '/_emulator/faults', 'faults', ({ faults }) => reply(200, faults.list()))
    .add('PUT', '/_emulator/faults', 'faults', ({ req, faults }) => {
      try {
        faults.set(parseFaultRules(req.body));
      } catch (err) {
        if (err instanceof FaultRuleError) throw new ArmError(400, 'InvalidFaultRule', `Invalid fault rules: ${err.message}.`);
        throw err;
      }
      return reply(200, faults.list());
    })
    .add('DELETE', '/_emulator/faults', 'faults', ({ faults }) => {
      faults.clear();
      return reply(204);
    })
    .add('GET', '/_emulator/roles', 'roles', ({ roles }) => reply(200, roles.list()))
    .add('PUT', '/_emulator/roles/{objectId}', 'roles', ({ req, roles }, { objectId }) => {
      const role: unknown = typeof req.body === 'object' && req.body !== null ? (req.body as { role?: unknown }).role : undefined;
      if (!objectId || !isSentinelRole(role)) throw new ArmError(400, 'InvalidRoleAssignment', 'Send {"role":"Reader"|"Responder"|"Contributor"}.');
      roles.set(objectId, role);
      return reply(200, roles.list());
    })
    .add('DELETE', '/_emulator/roles/{objectId}', 'roles', ({ roles }, { objectId }) => {
      if (objectId) roles.remove(objectId);
      return reply(204);
    })
    // The demo tenant's identity provider: a signed token for whoever is named (loopback only, like all of this API).
    .add('POST', '/_emulator/token', 'token', ({ req, tokens }) => {
      const request = parseTokenRequest(req.body);
      if (typeof request === 'string') throw new ArmError(400, 'InvalidTokenRequest', request);
      return reply(200, tokens.issue(request));
    })
    .add('POST', '/_emulator/token/rotate', 'token', ({ tokens }) => {
      tokens.rotate();
      return reply(204);
    })
    // An analytics rule fires: a new incident with its alerts and tactics, as Sentinel raises it.
    .add('POST', '/_emulator/ruleHits', 'ruleHits', ({ req, store }) => {
      const incident = raiseIncident(store, parseRuleHit(req.body));
      return reply(201, { name: incident.name, incidentNumber: incident.incidentNumber });
    })
    .add('GET', '/_emulator/stats', 'stats', ({ stats }) => reply(200, stats.snapshot()))
    .add('POST', '/_emulator/stats/reset', 'stats', ({ stats }) => {
      stats.reset();
      return reply(204);
    });
}
