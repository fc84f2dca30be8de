import type { ChainableCommander, Redis } from 'ioredis';
import { telemetryKeys } from './metric-catalog';

/** A live worker as `GET /api/settings/workers` lists it (ENGINE.md 11.5). */
export interface WorkerInfo {
  id: string;
  host: string;
  pid: number;
  concurrency: number;
  startedAt: string;
  lastSeenAt: string;
  /** Steps it was executing at its last heartbeat. */
  stepsInHand: number;
}

/** A worker is gone once it missed this many heartbeats. */
export const MISSED_HEARTBEATS = 3;

/**
 * One worker's entry in the registry: a hash of worker records and a sorted set of the time each one
 * expires (its last heartbeat plus three intervals), so that listing needs no scan of the keyspace.
 */
export class WorkerHeartbeat {
  private readonly keys: ReturnType<typeof telemetryKeys>;

  constructor(
    prefix: string,
    private readonly worker: Omit<WorkerInfo, 'lastSeenAt' | 'stepsInHand'>,
    private readonly intervalMs: number,
  ) {
    this.keys = telemetryKeys(prefix);
  }

  get id(): string {
    return this.worker.id;
  }

  /** Queues this heartbeat on `pipeline` (two commands). */
  addTo(pipeline: ChainableCommander, stepsInHand: number, now = Date.now()): void {
    const record: WorkerInfo = { ...this.worker, lastSeenAt: new Date(now).toISOString(), stepsInHand };
    pipeline.hset(this.keys.workers, this.worker.id, JSON.stringify(record));
    pipeline.zadd(this.keys.workersExpiry, now + MISSED_HEARTBEATS * this.intervalMs, this.worker.id);
  }

  /** A worker that stops cleanly leaves the list at once. */
  async deregister(redis: Redis): Promise<void> {
    await redis.multi().hdel(this.keys.workers, this.worker.id).zrem(this.keys.workersExpiry, this.worker.id).exec();
  }
}

/** Every worker seen within its last three heartbeats, oldest first; the gone ones are removed on the way. */
export async function liveWorkers(redis: Redis, prefix: string, now = Date.now()): Promise<WorkerInfo[]> {
  const keys = telemetryKeys(prefix);
  const gone = await redis.zrangebyscore(keys.workersExpiry, '-inf', `(${now}`);
  if (gone.length > 0) {
    await redis
      .multi()
      .zrem(keys.workersExpiry, ...gone)
      .hdel(keys.workers, ...gone)
      .exec();
  }
  const ids = await redis.zrangebyscore(keys.workersExpiry, now, '+inf');
  if (ids.length === 0) return [];
  const records = await redis.hmget(keys.workers, ...ids);
  return records
    .filter((record): record is string => record !== null)
    .map((record) => JSON.parse(record) as WorkerInfo)
    .sort((a, b) => a.startedAt.localeCompare(b.startedAt) || a.id.localeCompare(b.id));
}
