import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { EngineLogger, StepRequest, StepScheduler } from '@orchestrator/engine';

export const STEP_QUEUE_NAME = 'steps';

/** A step job carries the engine's step request, and nothing else. */
export type StepJob = StepRequest;
export const STEP_JOB_NAME = 'step';

/**
 * One job per (process, version): BullMQ ignores a second add of a job id that still exists, so a
 * re-enqueue by the recovery sweeper cannot duplicate a queued job. Ids avoid ':' as BullMQ requires.
 */
export function stepJobId(job: StepJob): string {
  return `${job.processId}-${job.version}`;
}

export interface StepQueueOptions {
  connection: Redis;
  prefix: string;
  logger?: EngineLogger;
}

/** The producer side of the step queue; also the engine's StepScheduler. */
export class StepQueue implements StepScheduler {
  readonly queue: Queue<StepJob>;

  constructor(options: StepQueueOptions) {
    this.queue = new Queue<StepJob>(STEP_QUEUE_NAME, {
      connection: options.connection,
      prefix: options.prefix,
      defaultJobOptions: {
        removeOnComplete: true,
        removeOnFail: true,
        // Only infrastructure errors (database unreachable) fail a job; the recovery sweeper re-adds it later.
        attempts: 3,
        backoff: { type: 'exponential', delay: 1000 },
      },
    });
    this.queue.on('error', (error) => options.logger?.warn({ err: error }, 'step queue connection error'));
  }

  async schedule(job: StepJob, delayMs: number): Promise<void> {
    const data: StepJob = { processId: job.processId, version: job.version };
    await this.queue.add(STEP_JOB_NAME, data, { jobId: stepJobId(job), delay: delayMs > 0 ? delayMs : undefined });
  }

  async close(): Promise<void> {
    await this.queue.close();
  }
}
