import type { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { EngineSettings, ProcessCommands, TaskScheduleStore } from '@orchestrator/db';
import type { StepScheduler, WorkflowRegistry } from '@orchestrator/engine';
import {
  firesBetween,
  noTaskScheduleMetrics,
  TaskSchedules,
  type ScheduledRun,
  type TaskScheduleJob,
  type TaskScheduleMetrics,
} from '@orchestrator/queue';
import { reportMissedRuns, ScheduleReconciler } from './schedule-reconciler';

export interface ScheduledTasksDeps {
  connection: Redis;
  prefix: string;
  registry: WorkflowRegistry;
  dataSource: DataSource;
  scheduler: StepScheduler;
  metrics?: TaskScheduleMetrics;
  logger: Logger;
}

export interface ScheduledTasks {
  /** Re-derives the job schedulers from PostgreSQL; the worker's upkeep loop calls it every interval. */
  readonly reconciler: ScheduleReconciler;
  /** The task-schedule queue, for the queue pause watch. */
  readonly queue: TaskSchedules['queue'];
  stop(): Promise<void>;
}

/**
 * Runs the task schedules PostgreSQL holds (task_schedules, written at start-up from the configuration and
 * by PUT /api/schedules/{name}): a reconciler derives BullMQ's job schedulers from the rows, and each due
 * run starts its task as a process, once however many workers there are, never while the engine is paused.
 */
export async function startScheduledTasks(deps: ScheduledTasksDeps): Promise<ScheduledTasks> {
  const metrics = deps.metrics ?? noTaskScheduleMetrics;
  const store = new TaskScheduleStore(deps.dataSource);
  const schedules = new TaskSchedules({ connection: deps.connection, prefix: deps.prefix, logger: deps.logger });
  const reconciler = new ScheduleReconciler({
    store,
    schedules,
    registry: deps.registry,
    metrics,
    logger: deps.logger,
  });
  try {
    await reconciler.reconcileOnce();
  } catch (error) {
    await schedules.close();
    throw error;
  }

  const commands = new ProcessCommands(deps.dataSource);
  const engine = new EngineSettings(deps.dataSource);
  const startRun = async (run: ScheduledRun): Promise<void> => {
    const task = run.workflowName;
    const workflow = deps.registry.get(task);
    if (!workflow?.isTask) return;
    const schedule = await store.get(task);
    if (!schedule?.enabled || (run.cron !== null && run.cron !== schedule.cron)) {
      // A run its scheduler produced before a disable or a change of cron reached Redis.
      deps.logger.info({ task, runKey: run.runKey }, 'scheduled run dropped: its schedule was disabled or changed');
      return;
    }
    const missed = await store.accountFires(task, run.firesAt, firesBetween);
    reportMissedRuns({ metrics, logger: deps.logger }, task, missed, run.firesAt, 'no run came for them');
    if (await engine.isPaused()) {
      deps.logger.info({ task }, 'scheduled task skipped: the engine is paused');
      return;
    }
    const state = (workflow.input?.parse({}) ?? {}) as Record<string, unknown>;
    // No audit row: nobody asked for a scheduled run (the schedule itself is the audited change).
    const started = await commands.start(
      { workflowName: task, state, actor: 'SCHEDULER', idempotencyKey: `schedule:${run.runKey}` },
      null,
    );
    if (started.kind === 'started') {
      await store.recordRun(task, started.processId);
      await deps.scheduler.schedule({ processId: started.processId, version: started.version }, 0);
      deps.logger.info({ task, processId: started.processId }, 'scheduled task started');
    }
  };
  const worker: Worker<TaskScheduleJob> = schedules.startWorker(startRun);
  await worker.waitUntilReady();
  return {
    reconciler,
    queue: schedules.queue,
    async stop() {
      await worker.close();
      await schedules.close();
    },
  };
}
