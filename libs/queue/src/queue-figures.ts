import type { Queue } from 'bullmq';

/** The step queue as metrics show it: jobs by state, and how long the oldest waiting job has waited. */
export interface QueueFigures {
  jobs: { waiting: number; active: number; delayed: number; prioritized: number; failed: number };
  /** 0 when nothing waits. A delayed job waits from the time it became due. */
  oldestWaitingAgeSeconds: number;
}

export async function queueFigures(queue: Queue, now = Date.now()): Promise<QueueFigures> {
  const [counts, oldest] = await Promise.all([
    queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'failed'),
    queue.getWaiting(0, 0),
  ]);
  const job = oldest[0];
  const since = job ? job.timestamp + (job.opts.delay ?? 0) : now;
  return {
    jobs: {
      waiting: counts.waiting ?? 0,
      active: counts.active ?? 0,
      delayed: counts.delayed ?? 0,
      prioritized: counts.prioritized ?? 0,
      failed: counts.failed ?? 0,
    },
    oldestWaitingAgeSeconds: Math.max(0, (now - since) / 1000),
  };
}
