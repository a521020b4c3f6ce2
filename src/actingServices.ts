/**
 * Wiring of the services that act as one person: their own Sentinel and Log Analytics clients,
 * whose token caches hold that person's tokens only. Against the emulator a person's token names
 * them directly; in Azure it comes from their Teams token through the on-behalf-of exchange.
 */
import type { TokenCredential } from '@azure/identity';
import { armScope, logAnalyticsScope } from './azure/credentials';
import { AzureError } from './azure/errors';
import { HttpTally, type HttpStats } from './azure/httpClient';
import { EntraUnavailableError, expiryOf, oboCredential, SignInRequiredError, type OboSettings } from './azure/oboCredential';
import { emulatorPersonCredential, PerPerson, type ActingPerson } from './azure/personCredentials';
import type { ActingServices } from './bot/handlers/context';
import type { AttributionQueue } from './incidents/attribution';
import { AuditViews } from './incidents/auditViews';
import { IncidentService } from './incidents/incidentService';
import type { RecentChanges } from './incidents/recentChanges';
import { TaskService } from './incidents/taskService';
import type { Logger } from './logging';
import { AuditLogClient } from './sentinel/auditLogClient';
import type { WorkspaceClientOptions } from './sentinel/clientOptions';
import { SentinelClient } from './sentinel/sentinelClient';

export interface PersonServicesOptions {
  /** The app's client options, of which the credential is replaced by the person's. */
  clientOptions: WorkspaceClientOptions;
  attributions: AttributionQueue;
  recent: RecentChanges;
  auditLookback: string;
  logger: Logger;
  /** Azure (single sign-on): the bot's app registration that exchanges the person's Teams token. */
  obo?: OboSettings;
  /** The demo directory's details (UPN) for a person's emulator token. */
  withDetails?: (person: ActingPerson) => ActingPerson;
}

export interface PersonServices {
  get(person: ActingPerson, assertion?: string): ActingServices;
  forget(person: ActingPerson): void;
  /** Requests and token fetches of every person's clients, summed (those dropped since included). */
  stats(): { arm: HttpStats; query: HttpStats };
}

interface Entry {
  assertion?: string;
  services: ActingServices;
}

export function createPersonServices(options: PersonServicesOptions): PersonServices {
  const { clientOptions, logger, obo } = options;
  const workspace = clientOptions.workspace;
  const tallies = { arm: new HttpTally(), query: new HttpTally() };
  const credentialOf = (person: ActingPerson, assertion?: string): TokenCredential =>
    obo ? oboCredential(obo, assertion ?? '') : emulatorPersonCredential(workspace.armEndpoint, options.withDetails ? options.withDetails(person) : person);
  const entries = new PerPerson<Entry>((person, assertion) => {
    const credential = credentialOf(person, assertion);
    const personOptions = { ...clientOptions, credential, actingAs: 'person' as const, workspaceName: workspace.workspaceName, renewBySignIn: obo !== undefined };
    const sentinel = new SentinelClient({ ...personOptions, tally: tallies.arm });
    const incidents = new IncidentService(sentinel, logger.child({ component: 'incidents' }), { attribution: options.attributions, recent: options.recent });
    const services: ActingServices = {
      incidents,
      tasks: new TaskService(sentinel, incidents, logger.child({ component: 'tasks' })),
      audit: new AuditViews(new AuditLogClient({ ...personOptions, tally: tallies.query }), options.auditLookback, { live: sentinel, known: incidents }),
      // Both tokens now, so a sign-in Entra wants is known before anything is changed.
      checkSignIn: async () => {
        try {
          await Promise.all([credential.getToken(armScope(workspace)), credential.getToken(logAnalyticsScope(workspace))]);
        } catch (err) {
          if (err instanceof SignInRequiredError) throw new AzureError('SIGN_IN_REQUIRED', 'the person must sign in again', { actingAs: 'person', signInReason: err.reason });
          if (err instanceof EntraUnavailableError) throw new AzureError(err.outage === 'throttled' ? 'THROTTLED' : 'UNAVAILABLE', 'Microsoft Entra ID gave no token', { actingAs: 'person', service: 'Microsoft Entra ID' });
          throw err;
        }
      },
    };
    return { assertion, services };
  });
  return {
    get: (person, assertion) => entries.get(person, { assertion, stale: (entry) => entry.assertion !== assertion, expiresAt: assertion ? expiryOf(assertion) : undefined }).services,
    forget: (person) => {
      entries.delete(person);
    },
    stats: () => ({ arm: tallies.arm.stats(), query: tallies.query.stats() }),
  };
}
