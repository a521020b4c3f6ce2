/**
 * The query API's per-caller limits (Azure Monitor service limits, "Log queries and
 * language"): at most 200 requests per 30 seconds per caller, answered 429 with Retry-After
 * beyond that; at most 5 queries of one caller run at once, further ones wait in a queue
 * for at most 3 minutes (then 429 too).
 */
export interface CallerLimitSettings {
  requestsPerWindow: number;
  windowMs: number;
  concurrentQueries: number;
  maxQueueWaitMs: number;
}

export const SERVICE_CALLER_LIMITS: Readonly<CallerLimitSettings> = {
  requestsPerWindow: 200,
  windowMs: 30_000,
  concurrentQueries: 5,
  maxQueueWaitMs: 180_000,
};

export class ThrottledError extends Error {
  constructor(
    readonly retryAfterSeconds: number,
    message: string,
  ) {
    super(message);
    this.name = 'ThrottledError';
  }
}

interface Waiter {
  grant(): void;
  timer: NodeJS.Timeout;
}

interface CallerState {
  /** Arrival times within the current window, oldest first. */
  arrivals: number[];
  running: number;
  queue: Waiter[];
}

export class CallerLimits {
  private readonly callers = new Map<string, CallerState>();

  constructor(
    private readonly settings: CallerLimitSettings,
    private readonly clock: () => number = Date.now,
  ) {}

  private state(caller: string): CallerState {
    let s = this.callers.get(caller);
    if (!s) {
      s = { arrivals: [], running: 0, queue: [] };
      this.callers.set(caller, s);
    }
    return s;
  }

  /** Counts one request against the caller's window; throws ThrottledError when it is full. */
  admit(caller: string): void {
    const s = this.state(caller);
    const now = this.clock();
    const { windowMs, requestsPerWindow } = this.settings;
    while (s.arrivals.length && s.arrivals[0]! <= now - windowMs) s.arrivals.shift();
    if (s.arrivals.length >= requestsPerWindow) {
      const retryAfterSeconds = Math.max(1, Math.ceil((s.arrivals[0]! + windowMs - now) / 1000));
      throw new ThrottledError(
        retryAfterSeconds,
        `The request was throttled: more than ${requestsPerWindow} requests in ${windowMs / 1000} seconds by this caller. Retry after ${retryAfterSeconds} seconds.`,
      );
    }
    s.arrivals.push(now);
  }

  /**
   * Waits for one of the caller's query slots. `queued` is called when the query has to
   * wait. The returned function frees the slot; call it exactly once.
   */
  async acquire(caller: string, queued?: () => void): Promise<() => void> {
    const s = this.state(caller);
    if (s.running < this.settings.concurrentQueries) {
      s.running++;
      return this.releaser(caller, s);
    }
    queued?.();
    await new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        grant: () => {
          clearTimeout(waiter.timer);
          resolve();
        },
        timer: setTimeout(() => {
          s.queue.splice(s.queue.indexOf(waiter), 1);
          reject(new ThrottledError(1, `The query waited longer than ${this.settings.maxQueueWaitMs / 1000} seconds for one of this caller's ${this.settings.concurrentQueries} concurrent query slots.`));
        }, this.settings.maxQueueWaitMs),
      };
      waiter.timer.unref?.();
      s.queue.push(waiter);
    });
    // The slot was handed over by the query that finished: `running` did not go down.
    return this.releaser(caller, s);
  }

  private releaser(caller: string, s: CallerState): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = s.queue.shift();
      if (next) next.grant();
      else {
        s.running--;
        if (s.running === 0 && s.arrivals.length === 0) this.callers.delete(caller);
      }
    };
  }
}
