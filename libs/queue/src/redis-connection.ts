import IORedis, { type Redis, type RedisOptions } from 'ioredis';

/**
 * An ioredis connection for BullMQ. REDIS_URL is honoured as given, database index included.
 * - `worker` (default): no per-request retry limit, so a worker's blocking commands survive reconnects;
 * - `fail-fast`: for request paths (the API): a command fails after a couple of reconnect attempts instead
 *   of hanging while Redis is away; what it meant to enqueue is recovered by the sweeper from PostgreSQL.
 *
 * A URL with `?cluster=true` names one node of a Redis Cluster (the others are discovered from it): the
 * connection is an ioredis Cluster. Every key of ours carries the queue prefix's hash tag, so each queue
 * lives in one slot and its scripts and pipelines stay on one node.
 */
export function createRedisConnection(redisUrl: string, name: string, mode: 'worker' | 'fail-fast' = 'worker'): Redis {
  const options = {
    maxRetriesPerRequest: mode === 'worker' ? null : 2,
    connectionName: name,
    // After disconnect() ioredis waits this long for the socket to close before destroying it; its 2 s default
    // keeps a timer alive after a connection that never came up (Redis unreachable) is closed.
    disconnectTimeout: 100,
  };
  const redis = isClusterUrl(redisUrl) ? clusterConnection(redisUrl, options) : new IORedis(redisUrl, options);
  // Connection errors are reported through failed commands and readiness; without a listener ioredis
  // would print each reconnect attempt as an unhandled error event.
  redis.on('error', () => undefined);
  return redis;
}

/** Whether REDIS_URL names a node of a Redis Cluster (`?cluster=true`). */
export function isClusterUrl(redisUrl: string): boolean {
  return new URL(redisUrl).searchParams.get('cluster') === 'true';
}

/**
 * BullMQ takes a Cluster wherever it takes a Redis; the rest of ours uses only what both have (commands,
 * pipelines and scripts on hash-tagged keys, status, quit, disconnect), hence the one cast here.
 */
function clusterConnection(redisUrl: string, options: RedisOptions): Redis {
  const url = new URL(redisUrl);
  const cluster = new IORedis.Cluster([{ host: url.hostname, port: Number(url.port || 6379) }], {
    redisOptions: {
      ...options,
      username: url.username ? decodeURIComponent(url.username) : undefined,
      password: url.password ? decodeURIComponent(url.password) : undefined,
      tls: url.protocol === 'rediss:' ? {} : undefined,
    },
  });
  return cluster as unknown as Redis;
}

/** Whether Redis answers PING within `timeoutMs` (a worker-mode connection would wait for it forever). */
export async function redisReachable(redis: Redis, timeoutMs = 2000): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    return await Promise.race([redis.ping().then((answer) => answer === 'PONG'), timeout]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Closes a connection for good: QUIT when it is up (pending replies arrive first), and in any case no
 * reconnection afterwards, so that a connection to an unreachable Redis leaves no retry timer behind.
 */
export async function closeRedis(redis: Redis): Promise<void> {
  if (redis.status === 'ready') await redis.quit().catch(() => undefined);
  redis.disconnect();
}
