import IORedis, { type Redis } from 'ioredis';

/**
 * An ioredis connection as BullMQ needs it (no per-request retry limit, so blocking commands survive
 * reconnects). REDIS_URL is honoured as given, database index included.
 */
export function createRedisConnection(redisUrl: string, name: string): Redis {
  return new IORedis(redisUrl, { maxRetriesPerRequest: null, connectionName: name, lazyConnect: false });
}

export async function redisReachable(redis: Redis): Promise<boolean> {
  try {
    return (await redis.ping()) === 'PONG';
  } catch {
    return false;
  }
}
