import { executeStep, type StepExecution, type StepExecutorDeps } from '../execute-step';
import { silentLogger, type EngineLogger } from '../logger';
import { WorkflowRegistry } from '../registry';
import type { State } from '../state';
import type { WorkflowDefinition } from '../workflow';
import { InMemoryStepStore } from './in-memory-step-store';
import { RecordingStepScheduler } from './recording-step-scheduler';

export type HarnessDeps = StepExecutorDeps & {
  readonly store: InMemoryStepStore;
  readonly scheduler: RecordingStepScheduler;
  readonly registry: WorkflowRegistry;
};

export interface StepHarness {
  readonly store: InMemoryStepStore;
  readonly scheduler: RecordingStepScheduler;
  readonly deps: HarnessDeps;
  /** Writes the process as the start transaction does and schedules its first step; returns its id. */
  start(workflowName: string, options?: { state?: State; processId?: string; actor?: string }): Promise<string>;
  /** Resumes as the API does: `resumed`, attempts from 1 again, version + 1, a request for that version. */
  resume(processId: string): Promise<void>;
  /** Executes every scheduled step, oldest first, ignoring delays. */
  runScheduledSteps(limit?: number): Promise<StepExecution[]>;
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
      const { version } = store.bumpVersion(processId, { status: 'resumed', failedAttempts: 0, nextRetryAt: null });
      await scheduler.schedule({ processId, version }, 0);
    },
    runScheduledSteps: (limit) => runScheduledSteps(deps, limit),
  };
}

/**
 * Executes scheduled steps oldest first, ignoring their delays, until none is left. Throws after `limit`
 * executions so that a workflow retrying forever fails the test instead of hanging it.
 */
export async function runScheduledSteps(
  deps: StepExecutorDeps & { readonly scheduler: RecordingStepScheduler },
  limit = 100,
): Promise<StepExecution[]> {
  const executions: StepExecution[] = [];
  for (let next = deps.scheduler.takeNext(); next; next = deps.scheduler.takeNext()) {
    if (executions.length === limit) throw new Error(`still scheduling steps after ${limit} executions`);
    executions.push(await executeStep(next.request, deps));
  }
  return executions;
}
