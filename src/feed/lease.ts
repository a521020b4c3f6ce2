/**
 * One instance polls at a time. With shared state (Blob Storage) the hold is a blob lease that
 * the holder renews while it runs and gives up on shutdown; when the holder dies its lease
 * expires and the next instance to ask takes over. Claims on each card still guard against the
 * moment two instances overlap (a holder stalled past its lease), so the lease saves Sentinel
 * calls and connector posts, and correctness does not rest on it alone.
 */
export interface PollLease {
  /** Acquires the hold, or renews it when this instance has it; false while another instance does. */
  hold(): Promise<boolean>;
  /** Gives the hold up (shutdown), so another instance takes over now instead of when it expires. */
  release(): Promise<void>;
  /** How often a holder renews, well inside the lease's duration. */
  readonly renewEveryMs: number;
}

/** Memory state is one process's own: the only instance that can poll it is this one. */
export class LocalPollLease implements PollLease {
  readonly renewEveryMs = 60000;
  private released = false;

  async hold(): Promise<boolean> {
    return !this.released;
  }

  async release(): Promise<void> {
    this.released = true;
  }
}
