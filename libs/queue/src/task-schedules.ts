import { Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { EngineLogger } from '@orchestrator/engine';

export const TASK_SCHEDULE_QUEUE_NAME = 'task-schedules';

export interface TaskScheduleJob {
  workflowName: string;
}

export interface TaskSchedulesOptions {
  connection: Redis;
  prefix: string;
  logger: EngineLogger;
}

/**
 * Built-in tasks on a schedule, through BullMQ job schedulers: one scheduler per task name, upserted by
 * every API and worker process alike, so running them several times over never duplicates a run.
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

  /** A cron pattern (an optional seconds field first) per task name; `off` removes that schedule. */
  async apply(schedules: Readonly<Record<string, string>>): Promise<void> {
    for (const [workflowName, pattern] of Object.entries(schedules)) {
      if (pattern === 'off') {
        await this.queue.removeJobScheduler(workflowName);
        continue;
      }
      try {
        await this.queue.upsertJobScheduler(workflowName, { pattern }, { name: 'start-task', data: { workflowName } });
      } catch (error) {
        throw new Error(
          `TASK_SCHEDULES: "${pattern}" is not a valid schedule for ${workflowName}: ${(error as Error).message}`,
          {
            cause: error,
          },
        );
      }
    }
  }

  /**
   * Starts the scheduled task of each due job; `runKey` (the job id) is the same for every delivery of
   * one scheduled run, so a start keyed on it happens once.
   */
  startWorker(start: (workflowName: string, runKey: string) => Promise<void>): Worker<TaskScheduleJob> {
    const worker = new Worker<TaskScheduleJob>(
      TASK_SCHEDULE_QUEUE_NAME,
      async (job) => start(job.data.workflowName, String(job.id)),
      { connection: this.options.connection, prefix: this.options.prefix, concurrency: 1 },
    );
    worker.on('error', (error) => this.options.logger.error({ err: error }, 'task schedule worker error'));
    return worker;
  }

  async close(): Promise<void> {
    await this.queue.close();
  }
}
