import type { RetryPolicy } from './step-types';

/**
 * Delay before the next attempt after failed attempt `failedAttempt` (counting from 1):
 * min(maxBackoffMs, backoffMs * 2^(n-1)) scaled by a jitter factor in [0.5, 1).
 */
export function retryDelayMs(policy: RetryPolicy, failedAttempt: number, random: () => number): number {
  const exponential = policy.backoffMs * 2 ** Math.max(0, failedAttempt - 1);
  const capped = Math.min(policy.maxBackoffMs, exponential);
  return Math.round(capped * (0.5 + 0.5 * random()));
}
