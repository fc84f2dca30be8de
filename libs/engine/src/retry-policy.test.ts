import { retryDelayMs } from './retry-policy';

describe('retryDelayMs', () => {
  const policy = { maxAttempts: 10, backoffMs: 1000, maxBackoffMs: 60000 };

  it('doubles the base delay with each failed attempt', () => {
    const lowest = () => 0;
    expect([1, 2, 3, 4].map((n) => retryDelayMs(policy, n, lowest))).toEqual([500, 1000, 2000, 4000]);
  });

  it('scales the delay by a jitter between one half and one', () => {
    expect(retryDelayMs(policy, 3, () => 0)).toBe(2000);
    expect(retryDelayMs(policy, 3, () => 0.5)).toBe(3000);
    expect(retryDelayMs(policy, 3, () => 0.99)).toBe(3980);
  });

  it('never goes above the cap, however many attempts failed', () => {
    for (const attempt of [7, 8, 20, 100]) {
      expect(retryDelayMs(policy, attempt, () => 0.999)).toBeLessThanOrEqual(60000);
      expect(retryDelayMs(policy, attempt, () => 0)).toBe(30000);
    }
  });

  it('caps before applying the jitter', () => {
    expect(retryDelayMs({ maxAttempts: 5, backoffMs: 1000, maxBackoffMs: 1500 }, 2, () => 0)).toBe(750);
  });

  it('is zero with a zero backoff', () => {
    expect(retryDelayMs({ maxAttempts: 3, backoffMs: 0, maxBackoffMs: 0 }, 2, () => 0.7)).toBe(0);
  });
});
