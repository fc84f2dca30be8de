import { DelayedError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { isUuid, type EngineLogger } from '@orchestrator/engine';
import { STEP_QUEUE_NAME, type StepJob } from './step-queue';

/** `retry_later`: the process is busy elsewhere right now; deliver this job again shortly. */
export type StepJobOutcome = { readonly kind: 'done' } | { readonly kind: 'retry_later' };

/** The job payload's shape, checked by hand: this runs once per step. */
export function parseStepJob(data: unknown): StepJob | undefined {
  const candidate = data as Partial<StepJob> | null;
  if (typeof candidate?.processId !== 'string' || !isUuid(candidate.processId)) return undefined;
  if (!Number.isInteger(candidate.version) || (candidate.version as number) < 0) return undefined;
  return { processId: candidate.processId, version: candidate.version as number };
}

export interface StepWorkerOptions {
  connection: Redis;
  prefix: string;
  concurrency: number;
  /** How long a job's lock lives without renewal: a killed worker's job is recoverable after this. */
  lockDurationMs: number;
  /** Longest wait before a busy process's job is delivered again (default 5000). */
  maxRetryDelayMs?: number;
  handle(job: StepJob): Promise<StepJobOutcome>;
  logger: EngineLogger;
}

/** A BullMQ worker that hands each step job to `handle`; it knows nothing of workflows. */
export function createStepWorker(options: StepWorkerOptions): Worker<StepJob> {
  const worker = new Worker<StepJob>(
    STEP_QUEUE_NAME,
    async (job: Job<StepJob>, token?: string) => {
      const stepJob = parseStepJob(job.data);
      if (!stepJob) {
        options.logger.warn({ jobId: job.id, data: job.data }, 'step job malformed, dropped');
        return;
      }
      const outcome = await options.handle(stepJob);
      if (outcome.kind === 'retry_later') {
        const delay = Math.min(options.maxRetryDelayMs ?? 5000, 50 * 2 ** Math.min(job.attemptsStarted, 7));
        await job.moveToDelayed(Date.now() + delay, token);
        throw new DelayedError();
      }
    },
    {
      connection: options.connection,
      prefix: options.prefix,
      concurrency: options.concurrency,
      lockDuration: options.lockDurationMs,
      stalledInterval: options.lockDurationMs,
      // Stalls are recovered, never fatal: PostgreSQL fencing makes a redelivery harmless.
      maxStalledCount: 1000,
      autorun: false,
    },
  );
  worker.on('error', (error) => options.logger.error({ err: error }, 'step worker error'));
  worker.on('failed', (job, error) =>
    options.logger.error({ err: error, jobId: job?.id, processId: job?.data.processId }, 'step job failed'),
  );
  return worker;
}
