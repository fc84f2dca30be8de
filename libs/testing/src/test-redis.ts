import { randomBytes } from 'node:crypto';
import IORedis, { type Redis } from 'ioredis';
import { parseRedisUrl } from '@orchestrator/config';
import { connectRedis } from '@orchestrator/queue';

/**
 * The tests' Redis; `redis://127.0.0.1:7001/?cluster=true` runs them on a Redis Cluster
 * (apps/cli/src/bench/redis-cluster.sh), `redis+sentinel://127.0.0.1:26391/mymaster` through Sentinels
 * (apps/cli/src/bench/redis-sentinel.sh).
 */
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A queue prefix of its own per test file; a Redis Cluster hash tag like the default. */
export function testQueuePrefix(): string {
  return `{test-${randomBytes(5).toString('hex')}}`;
}

/**
 * Deletes every key under the prefix (on every master of a cluster: the prefix's slot is on one of them),
 * on the tests' Redis unless another is named.
 */
export async function deleteRedisKeys(prefix: string, redisUrl = TEST_REDIS_URL): Promise<void> {
  const target = parseRedisUrl(redisUrl);
  if (target.kind !== 'cluster') {
    const redis = connectRedis(redisUrl, { maxRetriesPerRequest: null });
    try {
      await deleteKeysOn(redis, prefix);
    } finally {
      redis.disconnect();
    }
    return;
  }
  const cluster = new IORedis.Cluster([target.node]);
  try {
    await new Promise<void>((resolve, reject) => {
      cluster.once('ready', resolve);
      cluster.once('error', reject);
    });
    await Promise.all(cluster.nodes('master').map((node) => deleteKeysOn(node, prefix)));
  } finally {
    cluster.disconnect();
  }
}

async function deleteKeysOn(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length) await redis.del(...keys);
  } while (cursor !== '0');
}
