import type { Redis } from 'ioredis';
import { findRecoveryCandidates, PostgresStepStore } from '@orchestrator/db';
import { executeStep, type StepExecution, type StepExecutorDeps, type StepScheduler } from '@orchestrator/engine';
import { logExecution } from './log-execution';
import { queuePauseWatch } from './queue-pause-watch';
import { startScheduledTasks, type ScheduledTasks } from './scheduled-tasks';
import { UpkeepLoop } from './upkeep-loop';
import {
  closeRedis,
  createRedisConnection,
  createStepWorker,
  type StepJobOutcome,
  inspectJobs,
  RecoverySweeper,
  removeStalledJob,
  StepQueue,
  sweeperTurn,
  type TaskScheduleMetrics,
} from '@orchestrator/queue';
import { applyTaskScheduleConfiguration, type Booted } from '@orchestrator/runtime';

export interface WorkerRuntime {
  readonly sweeper: RecoverySweeper;
  /** `reconciler.reconcileOnce()` re-derives the job schedulers from PostgreSQL now. */
  readonly scheduledTasks: ScheduledTasks;
  /** Stops fetching, waits for the steps in hand (and the enqueue after their commit), then disconnects. */
  stop(): Promise<void>;
}

export interface WorkerRuntimeOptions {
  /** Wraps the scheduler used after a commit; tests use it to inject a fault between commit and enqueue. */
  wrapScheduler?: (scheduler: StepScheduler) => StepScheduler;
  /** Counts scheduled runs that never happened (for a metrics exporter). */
  scheduleMetrics?: TaskScheduleMetrics;
}

/** Wires a BullMQ worker to the engine and starts the recovery sweeper. */
export async function startWorkerRuntime(booted: Booted, options: WorkerRuntimeOptions = {}): Promise<WorkerRuntime> {
  const { config, logger, registry, dataSource } = booted;
  await applyTaskScheduleConfiguration(booted);
  const connection: Redis = createRedisConnection(config.redisUrl, 'orchestrator-worker');
  const stepQueue = new StepQueue({ connection, prefix: config.queuePrefix, logger });
  const deps: StepExecutorDeps = {
    store: new PostgresStepStore(dataSource, booted.products),
    scheduler: options.wrapScheduler ? options.wrapScheduler(stepQueue) : stepQueue,
    registry,
    products: booted.products,
    logger,
    publicUrl: config.publicUrl,
  };
  const debug = logger.isLevelEnabled('debug');

  const worker = createStepWorker({
    connection,
    prefix: config.queuePrefix,
    concurrency: config.workerConcurrency,
    // A killed worker's job becomes recoverable once its lock lapses; keep that within the recovery bound.
    lockDurationMs: Math.max(5000, config.recoveryIntervalMs),
    logger,
    handle: async (job) => {
      const execution = await executeStep(job, deps);
      logExecution(logger, job, execution, debug);
      return jobOutcome(execution);
    },
  });

  const sweeper = new RecoverySweeper({
    intervalMs: config.recoveryIntervalMs,
    findCandidates: (afterProcessId, limit) =>
      findRecoveryCandidates(dataSource, { staleAfterMs: config.recoveryIntervalMs, afterProcessId, limit }),
    inspect: (jobs) => inspectJobs(connection, stepQueue.queue, jobs),
    removeStalled: (job) => removeStalledJob(stepQueue.queue, job),
    enqueue: (job) => stepQueue.schedule(job, 0),
    acquireTurn: sweeperTurn(connection, config.queuePrefix, config.recoveryIntervalMs),
    logger,
  });

  const scheduledTasks = await startScheduledTasks({
    connection,
    prefix: config.queuePrefix,
    registry,
    dataSource,
    scheduler: stepQueue,
    metrics: options.scheduleMetrics,
    logger,
  }).catch(async (error: unknown) => {
    await worker.close();
    await stepQueue.close();
    connection.disconnect();
    throw error;
  });
  worker.run().catch((error: unknown) => logger.error({ err: error }, 'step worker stopped'));
  await worker.waitUntilReady();
  sweeper.start();
  const upkeep = new UpkeepLoop(
    [
      { name: 'task-schedules', run: () => scheduledTasks.reconciler.reconcileOnce() },
      queuePauseWatch([stepQueue.queue, scheduledTasks.queue], logger),
    ],
    config.recoveryIntervalMs,
    logger,
  );
  upkeep.start();
  logger.info({ concurrency: config.workerConcurrency, queuePrefix: config.queuePrefix }, 'worker started');

  return {
    sweeper,
    scheduledTasks,
    async stop() {
      await Promise.all([sweeper.stop(), upkeep.stop()]);
      // Both stop fetching at once: a scheduled run in hand still enqueues its first step, which this worker
      // no longer takes (the next worker does).
      await Promise.all([scheduledTasks.stop(), worker.close()]);
      await stepQueue.close();
      await closeRedis(connection);
    },
  };
}

/** Only a busy process asks for the job again; every other execution is done with it. */
function jobOutcome(execution: StepExecution): StepJobOutcome {
  switch (execution.kind) {
    case 'busy':
      return { kind: 'retry_later' };
    case 'committed':
    case 'stale':
    case 'missing':
    case 'paused':
    case 'fenced':
      return { kind: 'done' };
  }
}
