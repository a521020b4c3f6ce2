/**
 * The feed's timer: every `pollMs` the instance asks for the poll lease and polls only while it
 * holds it; a holder renews the lease between polls too, so a poll interval longer than the
 * lease does not hand the feed to another instance. Polls never overlap; stop waits for the one
 * running and gives the lease up.
 */
import type { Logger } from '../logging';
import type { PollLease } from './lease';
import type { FeedPoller, PollResult } from './poller';

export interface RunningFeed {
  /** Runs one poll now if this instance holds (or can take) the lease; undefined when another instance polls. */
  pollNow(): Promise<PollResult | undefined>;
  /** `release: false` leaves the lease to expire, as a crashed instance would (tests). */
  stop(options?: { release?: boolean }): Promise<void>;
}

const codeOf = (err: unknown): { code?: unknown; statusCode?: unknown } => ({ code: (err as { code?: unknown }).code, statusCode: (err as { statusCode?: unknown }).statusCode });

export function startFeed(poller: FeedPoller, lease: PollLease, pollMs: number, logger: Logger): RunningFeed {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  let holding = false;

  const hold = async (): Promise<boolean> => {
    try {
      const now = await lease.hold();
      if (now !== holding) logger.info({ holding: now }, now ? 'this instance now polls the incident feed' : 'another instance polls the incident feed');
      holding = now;
    } catch (err) {
      // Unsure whether the lease is still ours: do not poll on it; the next tick asks again.
      logger.warn(codeOf(err), 'could not reach the feed lease; not polling this time');
      holding = false;
    }
    return holding;
  };

  // Serialised: a test's pollNow and the timer's poll never run at once.
  const exclusive = <T>(work: () => Promise<T>): Promise<T> => {
    const next = running.then(work, work);
    running = next.catch(() => undefined);
    return next;
  };

  const pollIfHolding = (): Promise<PollResult | undefined> =>
    exclusive(async () => {
      if (stopped || !(await hold())) return undefined;
      return poller.poll();
    });

  const tick = (): void => {
    void pollIfHolding()
      .then((r) => {
        if (r?.changed) logger.info(r, 'feed poll');
      })
      .catch((err: unknown) => logger.warn(codeOf(err), 'feed poll failed; trying again next time'))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, pollMs);
      });
  };
  timer = setTimeout(tick, pollMs);
  const renewal = setInterval(() => {
    if (holding && !stopped) void hold();
  }, lease.renewEveryMs);
  renewal.unref();

  return {
    pollNow: pollIfHolding,
    stop: async (options = {}) => {
      stopped = true;
      if (timer) clearTimeout(timer);
      clearInterval(renewal);
      await running;
      if (options.release !== false && holding) await lease.release().catch((err: unknown) => logger.warn(codeOf(err), 'could not give up the feed lease; it expires by itself'));
      holding = false;
    },
  };
}
