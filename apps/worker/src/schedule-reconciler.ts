import type { Logger } from 'pino';
import type { TaskScheduleStore } from '@orchestrator/db';
import type { WorkflowRegistry } from '@orchestrator/engine';
import { firesBetween, type TaskScheduleMetrics, type TaskSchedules } from '@orchestrator/queue';

export interface ScheduleReconcilerDeps {
  store: TaskScheduleStore;
  schedules: TaskSchedules;
  registry: WorkflowRegistry;
  metrics: TaskScheduleMetrics;
  logger: Logger;
}

/** Logs and counts fire times that had no run (ENGINE.md 15.2); their runs are not made up afterwards. */
export function reportMissedRuns(
  deps: Pick<ScheduleReconcilerDeps, 'metrics' | 'logger'>,
  taskName: string,
  missed: { missed: number; since: Date | null },
  until: Date,
  why: string,
): void {
  if (missed.missed === 0) return;
  deps.metrics.runsMissed(taskName, missed.missed);
  deps.logger.warn(
    { task: taskName, missed: missed.missed, since: missed.since?.toISOString(), until: until.toISOString(), why },
    'scheduled task runs missed',
  );
}

/**
 * Keeps BullMQ's job schedulers equal to the rows of task_schedules, on every worker, every interval: a
 * scheduler Redis lost (a restart, a flush) is re-created and the runs missed meanwhile are counted; a
 * changed cron or a disabled schedule takes effect without a restart. PostgreSQL is the truth: a scheduler
 * no row names is removed. The worker's upkeep loop calls it every recovery interval.
 */
export class ScheduleReconciler {
  constructor(private readonly deps: ScheduleReconcilerDeps) {}

  async reconcileOnce(): Promise<void> {
    const { store, schedules, registry, logger } = this.deps;
    const rows = await store.list();
    const inRedis = await schedules.current();
    for (const row of rows) {
      const name = row.taskName;
      if (!registry.get(name)?.isTask) continue;
      if (!row.enabled) {
        if (inRedis.has(name)) {
          await schedules.remove(name);
          logger.info({ task: name }, 'task schedule removed: disabled');
        }
        continue;
      }
      if (inRedis.get(name) === row.cron) {
        if (row.accountedThrough === null) await store.markApplied(name, row.cron, new Date());
        continue;
      }
      const at = new Date();
      if (!inRedis.has(name) && row.accountedThrough !== null) {
        // The scheduler was applied once and is gone: Redis lost its data. Nothing ran meanwhile.
        const missed = await store.accountFires(name, at, firesBetween);
        reportMissedRuns(this.deps, name, missed, at, 'its job scheduler was missing from Redis');
        logger.warn({ task: name, cron: row.cron }, 'task schedule re-created: Redis had lost it');
      } else logger.info({ task: name, cron: row.cron }, 'task schedule applied');
      await schedules.upsert(name, row.cron);
      await store.markApplied(name, row.cron, at);
    }
    const named = new Set(rows.map((row) => row.taskName));
    for (const name of inRedis.keys()) {
      if (named.has(name)) continue;
      await schedules.remove(name);
      logger.info({ task: name }, 'task schedule removed: PostgreSQL has no schedule of that name');
    }
  }
}
