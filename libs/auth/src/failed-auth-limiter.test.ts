import { rateLimitDecision, InMemoryFailedAuthLimiter } from './failed-auth-limiter';

describe('InMemoryFailedAuthLimiter', () => {
  let clock: number;
  let limiter: InMemoryFailedAuthLimiter;

  beforeEach(() => {
    clock = 1_000_000;
    limiter = new InMemoryFailedAuthLimiter({ now: () => clock });
  });

  const fail = async (address: string, times: number) => {
    let last = await limiter.check(address);
    for (let i = 0; i < times; i += 1) last = await limiter.recordFailure(address);
    return last;
  };

  it('allows 20 failures from one address within 60 s and limits the 21st, while another address is served', async () => {
    expect(await fail('10.0.0.1', 20)).toEqual({ kind: 'allowed' });
    expect(await limiter.check('10.0.0.1')).toEqual({ kind: 'allowed' });
    expect(await limiter.recordFailure('10.0.0.1')).toEqual({ kind: 'limited', retryAfterSeconds: 60 });
    expect(await limiter.check('10.0.0.1')).toEqual({ kind: 'limited', retryAfterSeconds: 60 });
    expect(await limiter.check('10.0.0.2')).toEqual({ kind: 'allowed' });
    expect(await fail('10.0.0.2', 3)).toEqual({ kind: 'allowed' });
  });

  it('counts a sliding window: Retry-After is when the oldest failure leaves it', async () => {
    await fail('10.0.0.1', 1);
    clock += 45_000;
    await fail('10.0.0.1', 20);
    expect(await limiter.check('10.0.0.1')).toEqual({ kind: 'limited', retryAfterSeconds: 15 });
    clock += 14_500;
    expect(await limiter.check('10.0.0.1')).toEqual({ kind: 'limited', retryAfterSeconds: 1 });
    clock += 500;
    expect(await limiter.check('10.0.0.1')).toEqual({ kind: 'allowed' });
  });

  it('forgets failures older than the window', async () => {
    await fail('10.0.0.1', 20);
    clock += 60_000;
    expect(await limiter.recordFailure('10.0.0.1')).toEqual({ kind: 'allowed' });
  });
});

describe('rateLimitDecision', () => {
  const limit = { maxFailures: 2, windowMs: 10_000 };

  it('waits for as many failures to leave the window as exceed the limit', () => {
    expect(rateLimitDecision([1000, 2000], 3000, limit)).toEqual({ kind: 'allowed' });
    expect(rateLimitDecision([1000, 2000, 3000], 3000, limit)).toEqual({ kind: 'limited', retryAfterSeconds: 8 });
    expect(rateLimitDecision([1000, 2000, 3000, 4000], 4000, limit)).toEqual({ kind: 'limited', retryAfterSeconds: 8 });
  });

  it('never answers less than one second', () => {
    expect(rateLimitDecision([1000, 2000, 3000], 10_999.5, limit)).toEqual({ kind: 'limited', retryAfterSeconds: 1 });
  });
});
