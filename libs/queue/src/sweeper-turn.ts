import type { Redis } from 'ioredis';

/** One sweeper per interval across all processes: a Redis key that expires just before the next tick. */
export function sweeperTurn(redis: Redis, prefix: string, intervalMs: number): () => Promise<boolean> {
  const key = `${prefix}:recovery-sweeper`;
  const ttl = Math.max(50, Math.floor(intervalMs * 0.8));
  return async () => (await redis.set(key, String(process.pid), 'PX', ttl, 'NX')) === 'OK';
}
