import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { stepJobId, type StepJob } from './step-queue';

/**
 * - `queued`: the job exists and is waiting, delayed or held by a live worker;
 * - `missing`: no such job (lost between commit and enqueue, or Redis lost its data);
 * - `stalled`: the job is active but its lock expired: the worker that took it is gone.
 */
export type JobLiveness = 'queued' | 'missing' | 'stalled';

/** One pipelined round trip for the whole batch. */
export async function inspectJobs(
  redis: Redis,
  queue: Queue<StepJob>,
  jobs: readonly StepJob[],
): Promise<JobLiveness[]> {
  if (jobs.length === 0) return [];
  const pipeline = redis.pipeline();
  const activeKey = queue.toKey('active');
  for (const job of jobs) {
    const id = stepJobId(job);
    pipeline.exists(queue.toKey(id));
    pipeline.exists(queue.toKey(`${id}:lock`));
    pipeline.lpos(activeKey, id);
  }
  const replies = (await pipeline.exec()) ?? [];
  return jobs.map((_, index) => {
    const [exists, locked, activePosition] = replies
      .slice(index * 3, index * 3 + 3)
      .map(([error, value]: [Error | null, unknown]) => {
        if (error) throw error;
        return value;
      });
    if (!exists) return 'missing';
    if (activePosition !== null && !locked) return 'stalled';
    return 'queued';
  });
}

/** Removes a stalled job (possible only while its lock is gone) so that it can be added again. */
export async function removeStalledJob(queue: Queue<StepJob>, job: StepJob): Promise<void> {
  await queue.remove(stepJobId(job));
}
