import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Redis } from 'ioredis';
import {
  compactProcessStatusCounts,
  findRecoveryCandidates,
  findUnchangedProcesses,
  LiveEventQueries,
  PostgresStepStore,
  WorkflowVersions,
} from '@orchestrator/db';
import { EventPublisher } from '@orchestrator/events';
import {
  MetricDeltas,
  RECOVERY_REENQUEUED,
  StepTracer,
  TelemetryLoop,
  telemetryKeys,
  WorkerHeartbeat,
} from '@orchestrator/telemetry';
import {
  executeStep,
  rollBackOpened,
  type OpenStepOutcome,
  type StepExecution,
  type StepExecutorDeps,
  type StepRequest,
  type StepScheduler,
} from '@orchestrator/engine';
import { logExecution } from './log-execution';
import { StepChain } from './step-chain';
import { queuePauseWatch } from './queue-pause-watch';
import { startScheduledTasks, type ScheduledTasks } from './scheduled-tasks';
import { StepTelemetry } from './step-telemetry';
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
  /** As `GET /api/settings/workers` lists it. */
  readonly workerId: string;
  readonly sweeper: RecoverySweeper;
  /** `reconciler.reconcileOnce()` re-derives the job schedulers from PostgreSQL now. */
  readonly scheduledTasks: ScheduledTasks;
  /** Stops fetching, waits for the steps in hand (and the enqueue after their commit), then disconnects. */
  stop(): Promise<void>;
}

export interface WorkerRuntimeOptions {
  /** Wraps the scheduler used after a commit; tests use it to inject a fault between commit and enqueue. */
  wrapScheduler?: (scheduler: StepScheduler) => StepScheduler;
  /** Overrides WORKER_CHAIN_STEPS (tests of the one-job-per-step path). */
  chainSteps?: number;
  /** Counts scheduled runs that never happened (for a metrics exporter). */
  scheduleMetrics?: TaskScheduleMetrics;
}

/** Wires a BullMQ worker to the engine and starts the recovery sweeper. */
export async function startWorkerRuntime(booted: Booted, options: WorkerRuntimeOptions = {}): Promise<WorkerRuntime> {
  const { config, logger, registry, dataSource } = booted;
  await applyTaskScheduleConfiguration(booted);
  const connection: Redis = createRedisConnection(config.redisUrl, 'orchestrator-worker');
  const stepQueue = new StepQueue({ connection, prefix: config.queuePrefix, logger });
  const tracing = config.tracing.tracesUrl !== null;
  // Events go out on the step queue's connection, so that a step's event reaches Redis before its next step.
  const publisher = new EventPublisher(connection, config.queuePrefix, logger);
  const deltas = new MetricDeltas(telemetryKeys(config.queuePrefix).metrics);
  const telemetry = new StepTelemetry({
    publisher,
    deltas,
    tracer: tracing ? new StepTracer() : null,
    liveEvents: new LiveEventQueries(dataSource),
    logger,
  });
  // A killed or stopped worker's job becomes recoverable once its lock lapses: within the recovery bound
  // and within the step lease (ENGINE.md 15.1), so that the job is free when PostgreSQL frees the process.
  const lockDurationMs = Math.min(config.stepLeaseMs, Math.max(5000, config.recoveryIntervalMs));
  const deps: StepExecutorDeps = {
    store: new PostgresStepStore(dataSource, booted.products, {
      readTrace: tracing,
      leaseMs: config.stepLeaseMs,
      timedStepGraceMs: lockDurationMs,
    }),
    scheduler: options.wrapScheduler ? options.wrapScheduler(stepQueue) : stepQueue,
    registry,
    products: booted.products,
    logger,
    publicUrl: config.publicUrl,
    observer: telemetry.observer,
    versions: new WorkflowVersions(dataSource),
  };
  const debug = logger.isLevelEnabled('debug');
  const chainSteps = options.chainSteps ?? config.workerChainSteps;

  const worker = createStepWorker({
    connection,
    prefix: config.queuePrefix,
    concurrency: config.workerConcurrency,
    lockDurationMs,
    // A process held by a stopped worker is free again once its lease ends: ask again within an interval.
    maxRetryDelayMs: Math.min(5000, config.recoveryIntervalMs),
    logger,
    handle: async (job) => {
      const chain = new StepChain(deps.scheduler, job.processId, chainSteps, () => stopping);
      const chained: StepExecutorDeps = { ...deps, scheduler: chain.scheduler };
      const first = await execute(job, chained).catch(async (error: unknown) => {
        // It threw after its commit (enqueueing a woken parent, say): the step it chained goes to the queue.
        if (chain.holdsContinuation) await chain.handBack(job).catch(() => undefined);
        throw error;
      });
      // The chained step's transaction, begun behind the previous commit (one round trip less per step).
      let begun = nextOpened(first);
      for (let request = await chain.next(); request; request = await chain.next()) {
        const execution = await executeChained(request, chained, chain, begun);
        // A chained step that did not run consumed its begun transaction too.
        begun = execution ? nextOpened(execution) : undefined;
        if (!execution) break;
      }
      // The worker began to stop (or the chain's time ran out) after that step was begun: it went to the queue.
      await rollBackOpened(begun);
      return jobOutcome(first);
    },
  });
  let stopping = false;

  async function execute(
    request: StepRequest,
    stepDeps: StepExecutorDeps,
    begun?: OpenStepOutcome,
  ): Promise<StepExecution> {
    const execution = await telemetry.handle(request.processId, () => executeStep(request, stepDeps, begun));
    logExecution(logger, request, execution, debug);
    return execution;
  }

  /** A chained step; undefined ends the chain, its step handed back to the queue when it did not run. */
  async function executeChained(
    request: StepRequest,
    stepDeps: StepExecutorDeps,
    chain: StepChain,
    begun: OpenStepOutcome | undefined,
  ): Promise<StepExecution | undefined> {
    try {
      const execution = await execute(request, stepDeps, begun);
      if (execution.kind !== 'busy') return execution;
    } catch (error) {
      logger.warn({ err: error, processId: request.processId }, 'chained step failed to run: handed to the queue');
    }
    await chain.handBack(request).catch((error: unknown) => {
      // The process is runnable without a job: the recovery sweeper finds it.
      logger.warn({ err: error, processId: request.processId }, 'chained step could not be enqueued');
    });
    return undefined;
  }

  const reenqueued = deltas.counter(RECOVERY_REENQUEUED);
  const sweeper = new RecoverySweeper({
    intervalMs: config.recoveryIntervalMs,
    findCandidates: (afterProcessId, limit) =>
      findRecoveryCandidates(dataSource, { staleAfterMs: config.recoveryIntervalMs, afterProcessId, limit }),
    inspect: (jobs) => inspectJobs(connection, stepQueue.queue, jobs),
    findUnchanged: (jobs) => findUnchangedProcesses(dataSource, jobs),
    removeStalled: (job) => removeStalledJob(stepQueue.queue, job),
    enqueue: async (job) => {
      await stepQueue.schedule(job, 0);
      reenqueued.inc([]);
    },
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
      // Folds the status-count changes the processes' trigger appends into the counts (libs/db lists/).
      { name: 'process-status-counts', run: () => compactProcessStatusCounts(dataSource) },
    ],
    config.recoveryIntervalMs,
    logger,
  );
  upkeep.start();
  const heartbeat = new WorkerHeartbeat(
    config.queuePrefix,
    {
      id: `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`,
      host: hostname(),
      pid: process.pid,
      concurrency: config.workerConcurrency,
      startedAt: new Date().toISOString(),
    },
    config.workerHeartbeatMs,
  );
  const telemetryLoop = new TelemetryLoop(
    connection,
    config.workerHeartbeatMs,
    [
      { addTo: (pipeline) => heartbeat.addTo(pipeline, telemetry.stepsInHand) },
      { addTo: (pipeline) => deltas.addTo(pipeline) },
      historyTrimming(publisher),
    ],
    logger,
  );
  telemetryLoop.start();
  logger.info({ concurrency: config.workerConcurrency, queuePrefix: config.queuePrefix }, 'worker started');

  return {
    workerId: heartbeat.id,
    sweeper,
    scheduledTasks,
    async stop() {
      stopping = true;
      await Promise.all([sweeper.stop(), upkeep.stop()]);
      // Both stop fetching at once: a scheduled run in hand still enqueues its first step, which this worker
      // no longer takes (the next worker does).
      await Promise.all([scheduledTasks.stop(), worker.close()]);
      await telemetryLoop.stop();
      // Redis may be away at shutdown: then the entry expires after three heartbeats instead.
      await Promise.race([
        heartbeat.deregister(connection),
        new Promise((resolve) => setTimeout(resolve, 2000).unref()),
      ]).catch(() => undefined);
      await stepQueue.close();
      await closeRedis(connection);
    },
  };
}

function nextOpened(execution: StepExecution): OpenStepOutcome | undefined {
  return execution.kind === 'committed' ? execution.nextOpened : undefined;
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

/** Drops live events older than the replay window about once a minute (a cheap approximate trim). */
function historyTrimming(publisher: EventPublisher) {
  let last = 0;
  return {
    addTo() {
      if (Date.now() - last < 60_000) return;
      last = Date.now();
      publisher.trimHistory().catch(() => undefined);
    },
  };
}
