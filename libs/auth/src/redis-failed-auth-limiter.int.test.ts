import type { Redis } from 'ioredis';
import { connectRedis } from '@orchestrator/queue';
import { deleteRedisKeys, TEST_REDIS_URL, testQueuePrefix, waitFor } from '@orchestrator/testing';
import { RedisFailedAuthLimiter } from './redis-failed-auth-limiter';

describe('RedisFailedAuthLimiter against the real Redis', () => {
  const prefix = testQueuePrefix();
  let redis: Redis;

  beforeAll(async () => {
    redis = connectRedis(TEST_REDIS_URL, { maxRetriesPerRequest: 2 });
    await redis.ping();
  });
  afterAll(async () => {
    await deleteRedisKeys(prefix);
    redis.disconnect();
  });

  it('limits one address after 20 failures within 60 s, while another address is served', async () => {
    const limiter = new RedisFailedAuthLimiter({ redis, prefix });
    for (let i = 0; i < 20; i += 1) expect(await limiter.recordFailure('192.0.2.1')).toEqual({ kind: 'allowed' });
    expect(await limiter.check('192.0.2.1')).toEqual({ kind: 'allowed' });

    const limited = await limiter.recordFailure('192.0.2.1');
    expect(limited.kind).toBe('limited');
    const retryAfter = limited.kind === 'limited' ? limited.retryAfterSeconds : 0;
    expect(retryAfter).toBeGreaterThanOrEqual(59);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect((await limiter.check('192.0.2.1')).kind).toBe('limited');

    expect(await limiter.check('2001:db8::7')).toEqual({ kind: 'allowed' });
    expect(await limiter.recordFailure('2001:db8::7')).toEqual({ kind: 'allowed' });
  });

  it('shares the count between replicas (two limiters, two connections)', async () => {
    const other = connectRedis(TEST_REDIS_URL, { maxRetriesPerRequest: 2 });
    try {
      const replicaA = new RedisFailedAuthLimiter({ redis, prefix });
      const replicaB = new RedisFailedAuthLimiter({ redis: other, prefix });
      await other.ping();
      for (let i = 0; i < 10; i += 1) await replicaA.recordFailure('192.0.2.9');
      for (let i = 0; i < 10; i += 1) await replicaB.recordFailure('192.0.2.9');
      expect((await replicaB.check('192.0.2.9')).kind).toBe('allowed');
      expect((await replicaA.recordFailure('192.0.2.9')).kind).toBe('limited');
      expect((await replicaB.check('192.0.2.9')).kind).toBe('limited');
    } finally {
      other.disconnect();
    }
  });

  it('keeps no more than the failures that decide anything, under its prefix, expiring with the window', async () => {
    const limiter = new RedisFailedAuthLimiter({ redis, prefix });
    for (let i = 0; i < 30; i += 1) await limiter.recordFailure('192.0.2.5');
    const key = limiter.keyOf('192.0.2.5');
    expect(key.startsWith(`${prefix}:`)).toBe(true);
    expect(await redis.zcard(key)).toBe(21);
    const ttl = await redis.pttl(key);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60_000);
  });

  it('serves the address again once its failures have left the window', async () => {
    const limiter = new RedisFailedAuthLimiter({ redis, prefix, limit: { maxFailures: 2, windowMs: 300 } });
    for (let i = 0; i < 3; i += 1) await limiter.recordFailure('192.0.2.7');
    expect((await limiter.check('192.0.2.7')).kind).toBe('limited');
    await waitFor(async () => (await limiter.check('192.0.2.7')).kind === 'allowed');
  });

  it('fails open while its connection is closed', async () => {
    const closed = connectRedis(TEST_REDIS_URL, { maxRetriesPerRequest: 2 });
    await closed.quit();
    const limiter = new RedisFailedAuthLimiter({ redis: closed, prefix, limit: { maxFailures: 0, windowMs: 60_000 } });
    expect(await limiter.recordFailure('192.0.2.8')).toEqual({ kind: 'allowed' });
    expect(await limiter.check('192.0.2.8')).toEqual({ kind: 'allowed' });
  });

  it('fails open when Redis refuses the command, handing the error on', async () => {
    const errors: unknown[] = [];
    const limiter = new RedisFailedAuthLimiter({ redis, prefix, onError: (error) => errors.push(error) });
    const refusal = new Error('OOM command not allowed when used memory > maxmemory');
    const evalsha = jest.spyOn(redis, 'evalsha').mockRejectedValueOnce(refusal);
    try {
      expect(await limiter.recordFailure('192.0.2.10')).toEqual({ kind: 'allowed' });
    } finally {
      evalsha.mockRestore();
    }
    expect(errors).toEqual([refusal]);
  });
});
