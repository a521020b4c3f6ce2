/** Builds clients against the scripted server with a fake clock, a recording sleep and fixed dice. */
import type { Logger } from '../../../src/logging';
import { AuditLogClient } from '../../../src/sentinel/auditLogClient';
import { SentinelClient } from '../../../src/sentinel/sentinelClient';
import { CountingCredential, exampleWorkspace, fakeClock, recordingSleep } from './fakes';
import type { ScriptedServer } from './scriptedServer';

export interface HarnessOptions {
  maxRetries?: number;
  timeoutInMs?: number;
  maxRetryDelayInMs?: number;
  credential?: CountingCredential;
  random?: () => number;
  logger?: Logger;
  endpoint?: string;
  clock?: ReturnType<typeof fakeClock>;
}

export interface Harness {
  sentinel: SentinelClient;
  audit: AuditLogClient;
  credential: CountingCredential;
  delays: number[];
  clock: ReturnType<typeof fakeClock>;
}

export function harness(server: ScriptedServer, options: HarnessOptions = {}): Harness {
  const clock = options.clock ?? fakeClock();
  const { sleep, delays } = recordingSleep();
  const credential = options.credential ?? new CountingCredential({ now: clock.now });
  const shared = {
    workspace: exampleWorkspace(options.endpoint ?? server.url),
    credential,
    http: { timeoutInMs: options.timeoutInMs ?? 2000, maxRetries: options.maxRetries ?? 3, maxRetryDelayInMs: options.maxRetryDelayInMs ?? 8000 },
    sleep,
    random: options.random ?? (() => 0.5),
    now: clock.now,
    logger: options.logger,
  };
  return { sentinel: new SentinelClient(shared), audit: new AuditLogClient(shared), credential, delays, clock };
}
