import { randomBytes } from 'node:crypto';
import IORedis, { type Redis } from 'ioredis';

/** The tests' Redis; `redis://127.0.0.1:7001/?cluster=true` runs them on a Redis Cluster (apps/cli/src/bench/redis-cluster.sh). */
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A queue prefix of its own per test file; a Redis Cluster hash tag like the default. */
export function testQueuePrefix(): string {
  return `{test-${randomBytes(5).toString('hex')}}`;
}

/** Deletes every key under the prefix (on every master of a cluster: the prefix's slot is on one of them). */
export async function deleteRedisKeys(prefix: string): Promise<void> {
  const url = new URL(TEST_REDIS_URL);
  if (url.searchParams.get('cluster') !== 'true') {
    const redis = new IORedis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
    try {
      await deleteKeysOn(redis, prefix);
    } finally {
      redis.disconnect();
    }
    return;
  }
  const cluster = new IORedis.Cluster([{ host: url.hostname, port: Number(url.port || 6379) }]);
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
