import { executeStep, type StepExecution, type StepExecutorDeps } from '../execute-step';
import { silentLogger, type EngineLogger } from '../logger';
import { WorkflowRegistry } from '../registry';
import type { State } from '../state';
import type { WorkflowDefinition } from '../workflow';
import { InMemoryStepStore, RecordingStepScheduler } from './in-memory-step-store';

export type HarnessDeps = StepExecutorDeps & {
  readonly store: InMemoryStepStore;
  readonly scheduler: RecordingStepScheduler;
  readonly registry: WorkflowRegistry;
};

export interface StepHarness {
  readonly store: InMemoryStepStore;
  readonly scheduler: RecordingStepScheduler;
  readonly deps: HarnessDeps;
  /** Writes the process as the start transaction does and schedules its first job; returns its id. */
  start(workflowName: string, options?: { state?: State; processId?: string; actor?: string }): Promise<string>;
  /** Resumes as the API does: `resumed`, attempts from 1 again, version + 1, a job for that version. */
  resume(processId: string): Promise<void>;
  /** Executes every scheduled job, oldest first, ignoring delays. */
  runScheduledJobs(limit?: number): Promise<StepExecution[]>;
}

export interface StepHarnessOptions {
  readonly logger?: EngineLogger;
  readonly now?: () => Date;
  /** Retry jitter; defaults to 0.5, so every retry delay is 0.75 of its exponential backoff. */
  readonly random?: () => number;
}

/** The in-memory store and scheduler wired to `executeStep`, for tests that drive whole workflows. */
export function createStepHarness(
  workflows: Iterable<WorkflowDefinition>,
  options: StepHarnessOptions = {},
): StepHarness {
  const store = new InMemoryStepStore();
  const scheduler = new RecordingStepScheduler();
  const registry = new WorkflowRegistry(workflows);
  const deps: HarnessDeps = {
    store,
    scheduler,
    registry,
    logger: options.logger ?? silentLogger,
    now: options.now,
    random: options.random ?? (() => 0.5),
  };
  return {
    store,
    scheduler,
    deps,
    async start(workflowName, { state = {}, processId = 'process-1', actor = 'SYSTEM' } = {}) {
      const isTask = registry.get(workflowName)?.isTask ?? false;
      store.seedProcess({ processId, workflowName, state, actor, isTask });
      await scheduler.schedule({ processId, version: 0 }, 0);
      return processId;
    },
    async resume(processId) {
      const { version } = store.bumpVersion(processId, { status: 'resumed', attempt: 0, nextRetryAt: null });
      await scheduler.schedule({ processId, version }, 0);
    },
    runScheduledJobs: (limit) => runScheduledJobs(deps, limit),
  };
}

/**
 * Executes scheduled jobs oldest first, ignoring their delays, until none is left. Throws after `limit`
 * executions so that a workflow retrying forever fails the test instead of hanging it.
 */
export async function runScheduledJobs(
  deps: StepExecutorDeps & { readonly scheduler: RecordingStepScheduler },
  limit = 100,
): Promise<StepExecution[]> {
  const executions: StepExecution[] = [];
  for (let next = deps.scheduler.takeNext(); next; next = deps.scheduler.takeNext()) {
    if (executions.length === limit) throw new Error(`still scheduling steps after ${limit} executions`);
    executions.push(await executeStep(next.job, deps));
  }
  return executions;
}
