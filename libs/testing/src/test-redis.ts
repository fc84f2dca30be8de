import { randomBytes } from 'node:crypto';
import IORedis from 'ioredis';

export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A queue prefix of its own per test file; a Redis Cluster hash tag like the default. */
export function testQueuePrefix(): string {
  return `{test-${randomBytes(5).toString('hex')}}`;
}

/** Deletes every key under the prefix. */
export async function deleteRedisKeys(prefix: string): Promise<void> {
  const redis = new IORedis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
