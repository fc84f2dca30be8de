import { Queue, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { EngineLogger } from '@orchestrator/engine';

export const TASK_SCHEDULE_QUEUE_NAME = 'task-schedules';

export interface TaskScheduleJob {
  workflowName: string;
}

/** One due run of a scheduled task, as its job scheduler produced it. */
export interface ScheduledRun {
  workflowName: string;
  /** The same for every delivery of one run (the job id), so that a start keyed on it happens once. */
  runKey: string;
  /** The fire time this run is for. */
  firesAt: Date;
  /** The cron pattern of the scheduler that produced it. */
  cron: string | null;
}

export interface TaskSchedulesOptions {
  connection: Redis;
  prefix: string;
  logger: EngineLogger;
}

/**
 * BullMQ's side of the task schedules: one job scheduler per task name, derived from the rows PostgreSQL
 * holds (the schedule reconciler in apps/worker keeps them equal). Upserting the same scheduler from every
 * worker is harmless: a run's job id is the scheduler's name and fire time.
 */
export class TaskSchedules {
  readonly queue: Queue<TaskScheduleJob>;

  constructor(private readonly options: TaskSchedulesOptions) {
    this.queue = new Queue<TaskScheduleJob>(TASK_SCHEDULE_QUEUE_NAME, {
      connection: options.connection,
      prefix: options.prefix,
      defaultJobOptions: { removeOnComplete: true, removeOnFail: 100 },
    });
    this.queue.on('error', (error) => options.logger.warn({ err: error }, 'task schedule queue error'));
  }

  /** The cron pattern of every job scheduler in Redis, by task name. */
  async current(): Promise<Map<string, string | undefined>> {
    const schedulers = await this.queue.getJobSchedulers();
    return new Map(schedulers.map((scheduler) => [scheduler.key, scheduler.pattern]));
  }

  async upsert(workflowName: string, cron: string): Promise<void> {
    await this.queue.upsertJobScheduler(
      workflowName,
      { pattern: cron },
      { name: 'start-task', data: { workflowName } },
    );
  }

  async remove(workflowName: string): Promise<void> {
    await this.queue.removeJobScheduler(workflowName);
  }

  /** Hands each due run to `start`; a failure is retried by BullMQ's stalled-job handling only. */
  startWorker(start: (run: ScheduledRun) => Promise<void>): Worker<TaskScheduleJob> {
    const worker = new Worker<TaskScheduleJob>(TASK_SCHEDULE_QUEUE_NAME, async (job) => start(scheduledRun(job)), {
      connection: this.options.connection,
      prefix: this.options.prefix,
      concurrency: 1,
    });
    worker.on('error', (error) => this.options.logger.error({ err: error }, 'task schedule worker error'));
    return worker;
  }

  async close(): Promise<void> {
    await this.queue.close();
  }
}

function scheduledRun(job: Job<TaskScheduleJob>): ScheduledRun {
  const firesAt = job.opts.prevMillis ?? job.timestamp + (job.opts.delay ?? 0);
  return {
    workflowName: job.data.workflowName,
    runKey: String(job.id),
    firesAt: new Date(firesAt),
    // Jobs a scheduler produced carry its repeat options (BullMQ's JobSchedulerJobOptions).
    cron: (job.opts as { repeat?: { pattern?: string } }).repeat?.pattern ?? null,
  };
}

/** The hook a metrics exporter plugs in to count scheduled runs that never happened. */
export interface TaskScheduleMetrics {
  runsMissed(taskName: string, count: number): void;
}

export const noTaskScheduleMetrics: TaskScheduleMetrics = { runsMissed: () => undefined };
