import type { Redis } from 'ioredis';
import { findRecoveryCandidates, PostgresStepStore } from '@orchestrator/db';
import { executeStep, type StepExecution, type StepExecutorDeps, type StepScheduler } from '@orchestrator/engine';
import { logExecution } from './log-execution';
import { startScheduledTasks } from './scheduled-tasks';
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
} from '@orchestrator/queue';
import type { Booted } from '@orchestrator/runtime';

export interface WorkerRuntime {
  readonly sweeper: RecoverySweeper;
  /** Stops fetching, waits for the steps in hand (and the enqueue after their commit), then disconnects. */
  stop(): Promise<void>;
}

export interface WorkerRuntimeOptions {
  /** Wraps the scheduler used after a commit; tests use it to inject a fault between commit and enqueue. */
  wrapScheduler?: (scheduler: StepScheduler) => StepScheduler;
}

/** Wires a BullMQ worker to the engine and starts the recovery sweeper. */
export async function startWorkerRuntime(booted: Booted, options: WorkerRuntimeOptions = {}): Promise<WorkerRuntime> {
  const { config, logger, registry, dataSource } = booted;
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
    overrides: config.taskSchedules,
    registry,
    dataSource,
    scheduler: stepQueue,
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
  logger.info({ concurrency: config.workerConcurrency, queuePrefix: config.queuePrefix }, 'worker started');

  return {
    sweeper,
    async stop() {
      await sweeper.stop();
      await scheduledTasks.stop();
      await worker.close();
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
