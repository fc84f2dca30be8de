export type RateLimitDecision = { kind: 'allowed' } | { kind: 'limited'; retryAfterSeconds: number };

export interface FailedAuthLimit {
  /** More failures than this within the window limit an address (default 20). */
  maxFailures: number;
  /** The sliding window (default 60 s). */
  windowMs: number;
}

export const DEFAULT_FAILED_AUTH_LIMIT: FailedAuthLimit = { maxFailures: 20, windowMs: 60_000 };

/**
 * Failed authentications per client address over a sliding window (ENGINE.md section 10.8). The API checks
 * an address before authenticating (a limited address gets 429 with `Retry-After`, whatever it sends) and
 * records each failed attempt (see `isFailedAttempt`).
 */
export interface FailedAuthLimiter {
  check(address: string): Promise<RateLimitDecision>;
  /** Records a failure and answers the decision that follows it: the failure over the limit is limited. */
  recordFailure(address: string): Promise<RateLimitDecision>;
}

/**
 * Of the failure times in the window (ascending), whether more than `max` remain, and if so the seconds
 * until enough have left the window. Shared by both implementations.
 */
export function rateLimitDecision(times: readonly number[], now: number, limit: FailedAuthLimit): RateLimitDecision {
  const excess = times.length - limit.maxFailures;
  if (excess <= 0) return { kind: 'allowed' };
  const freedAt = (times[excess - 1] as number) + limit.windowMs;
  return { kind: 'limited', retryAfterSeconds: Math.max(1, Math.ceil((freedAt - now) / 1000)) };
}

/** One process's limiter: right for a single API replica and for tests. */
export class InMemoryFailedAuthLimiter implements FailedAuthLimiter {
  private readonly failures = new Map<string, number[]>();
  private recordsSincePrune = 0;
  private readonly limit: FailedAuthLimit;
  private readonly now: () => number;

  constructor(options: { limit?: FailedAuthLimit; now?: () => number } = {}) {
    this.limit = options.limit ?? DEFAULT_FAILED_AUTH_LIMIT;
    this.now = options.now ?? Date.now;
  }

  check(address: string): Promise<RateLimitDecision> {
    const now = this.now();
    return Promise.resolve(rateLimitDecision(this.recent(address, now), now, this.limit));
  }

  recordFailure(address: string): Promise<RateLimitDecision> {
    const now = this.now();
    // Only the newest maxFailures + 1 decide anything, so no more are kept.
    const times = [...this.recent(address, now), now].slice(-(this.limit.maxFailures + 1));
    this.failures.set(address, times);
    this.recordsSincePrune += 1;
    if (this.recordsSincePrune >= 1000) this.prune(now);
    return Promise.resolve(rateLimitDecision(times, now, this.limit));
  }

  private recent(address: string, now: number): number[] {
    return (this.failures.get(address) ?? []).filter((at) => at > now - this.limit.windowMs);
  }

  /** Forgets addresses whose failures have all left the window, so that memory follows live addresses. */
  private prune(now: number): void {
    this.recordsSincePrune = 0;
    for (const [address, times] of this.failures) {
      if ((times.at(-1) ?? -Infinity) <= now - this.limit.windowMs) this.failures.delete(address);
    }
  }
}
