import IORedis, { type Redis, type RedisOptions } from 'ioredis';
import { parseRedisUrl, type RedisTarget } from '@orchestrator/config';

/**
 * An ioredis connection for BullMQ. REDIS_URL is honoured as given, database index included.
 * - `worker` (default): no per-request retry limit, so a worker's blocking commands survive reconnects;
 * - `fail-fast`: for request paths (the API): a command fails after a couple of reconnect attempts instead
 *   of hanging while Redis is away; what it meant to enqueue is recovered by the sweeper from PostgreSQL.
 */
export function createRedisConnection(redisUrl: string, name: string, mode: 'worker' | 'fail-fast' = 'worker'): Redis {
  const redis = connectRedis(redisUrl, {
    maxRetriesPerRequest: mode === 'worker' ? null : 2,
    connectionName: name,
    // After disconnect() ioredis waits this long for the socket to close before destroying it; its 2 s default
    // keeps a timer alive after a connection that never came up (Redis unreachable) is closed.
    disconnectTimeout: 100,
  });
  // Connection errors are reported through failed commands and readiness; without a listener ioredis
  // would print each reconnect attempt as an unhandled error event.
  redis.on('error', () => undefined);
  return redis;
}

/**
 * A connection to what REDIS_URL names, with `options`:
 * - a `redis://` or `rediss://` server, as ioredis reads the URL;
 * - with `?cluster=true`, one node of a Redis Cluster (the others are discovered from it): an ioredis
 *   Cluster. Every key of ours carries the queue prefix's hash tag, so each queue lives in one slot and its
 *   scripts and pipelines stay on one node;
 * - `redis+sentinel://host:port,.../masterName[/db]`: the master the Sentinels name. After a failover the
 *   Sentinels close the old master's client connections, and ioredis asks them for the new master.
 */
export function connectRedis(redisUrl: string, options: RedisOptions): Redis {
  const target = parseRedisUrl(redisUrl);
  switch (target.kind) {
    case 'server':
      return new IORedis(target.url, options);
    case 'cluster':
      return clusterConnection(target, options);
    case 'sentinel':
      return new IORedis({
        ...options,
        sentinels: target.sentinels,
        name: target.masterName,
        db: target.db,
        username: target.username,
        password: target.password,
        sentinelPassword: target.sentinelPassword,
        // Leaves the old master as soon as a Sentinel announces the new one (+switch-master), rather than
        // when the Sentinels get round to demoting it: writes to it in between would be lost.
        failoverDetector: true,
        // A command that reached the old master after it became a replica: reconnect (through the
        // Sentinels, to the new master) and send it again; a refused write was not executed.
        reconnectOnError: (error) => (error.message.startsWith('READONLY') ? 2 : false),
      });
  }
}

/** Whether REDIS_URL names a node of a Redis Cluster (`?cluster=true`). */
export function isClusterUrl(redisUrl: string): boolean {
  return parseRedisUrl(redisUrl).kind === 'cluster';
}

/**
 * BullMQ takes a Cluster wherever it takes a Redis; the rest of ours uses only what both have (commands,
 * pipelines and scripts on hash-tagged keys, status, quit, disconnect), hence the one cast here.
 */
function clusterConnection(target: Extract<RedisTarget, { kind: 'cluster' }>, options: RedisOptions): Redis {
  const cluster = new IORedis.Cluster([target.node], {
    redisOptions: {
      ...options,
      username: target.username,
      password: target.password,
      tls: target.tls ? {} : undefined,
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
