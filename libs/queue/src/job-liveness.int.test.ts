import { TEST_REDIS_URL, deleteRedisKeys, testQueuePrefix } from '@orchestrator/testing';
import { closeRedis, createRedisConnection } from './redis-connection';
import { inspectJobs } from './job-liveness';
import { StepQueue, stepJobId, type StepJob } from './step-queue';

const prefix = testQueuePrefix();
const redis = createRedisConnection(TEST_REDIS_URL, 'job-liveness-test');
const queue = new StepQueue({ connection: redis, prefix });
const job = (n: number): StepJob => ({
  processId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  version: 0,
});

afterAll(async () => {
  await queue.close();
  await deleteRedisKeys(prefix);
  await closeRedis(redis);
});

describe('inspectJobs', () => {
  it('tells queued, missing and stalled jobs apart in one call, in the order asked', async () => {
    await queue.schedule(job(1), 0);
    await queue.schedule(job(2), 60_000);
    // Two jobs a worker took (in the active list): one whose lock is held, one whose lock lapsed.
    for (const n of [3, 4]) {
      await queue.schedule(job(n), 0);
      await redis.lrem(queue.queue.toKey('wait'), 0, stepJobId(job(n)));
      await redis.lpush(queue.queue.toKey('active'), stepJobId(job(n)));
    }
    await redis.set(queue.queue.toKey(`${stepJobId(job(3))}:lock`), 'token', 'PX', 60_000);

    const states = await inspectJobs(redis, queue.queue, [job(4), job(1), job(5), job(2), job(3)]);

    expect(states).toEqual(['stalled', 'queued', 'missing', 'queued', 'queued']);
  });

  it('answers an empty batch without asking Redis', async () => {
    expect(await inspectJobs(redis, queue.queue, [])).toEqual([]);
  });
});
