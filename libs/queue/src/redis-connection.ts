import IORedis, { type Redis } from 'ioredis';

/**
 * An ioredis connection for BullMQ. REDIS_URL is honoured as given, database index included.
 * - `worker` (default): no per-request retry limit, so a worker's blocking commands survive reconnects;
 * - `fail-fast`: for request paths (the API): a command fails after a couple of reconnect attempts instead
 *   of hanging while Redis is away; what it meant to enqueue is recovered by the sweeper from PostgreSQL.
 */
export function createRedisConnection(redisUrl: string, name: string, mode: 'worker' | 'fail-fast' = 'worker'): Redis {
  const redis = new IORedis(redisUrl, {
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
