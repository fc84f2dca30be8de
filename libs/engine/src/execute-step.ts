import type { EngineLogger } from './logger';
import {
  TransientStoreError,
  type OpenedStep,
  type ProcessSnapshot,
  type StepJob,
  type StepScheduler,
  type StepStore,
} from './ports';
import type { WorkflowRegistry } from './registry';
import { runStep } from './run-step';
import { isExecutableStatus, type ProcessStatus } from './statuses';
import type { StepContext, StepDefinition, StepResult } from './step-types';
import { toStepError } from './failure';
import { NO_SUBSCRIPTION_SERVICE } from './subscriptions';
import { decideTransition, type Transition, type TransitionInput } from './transition';

export interface StepExecutorDeps {
  readonly store: StepStore;
  readonly scheduler: StepScheduler;
  readonly registry: WorkflowRegistry;
  readonly logger: EngineLogger;
  readonly now?: () => Date;
  readonly random?: () => number;
}

/** What became of one job; only `busy` asks the caller to deliver the job again later. */
export type StepExecution =
  | {
      readonly kind: 'committed';
      readonly status: ProcessStatus;
      readonly next: StepJob | null;
      /** The logged step, and why it failed when it did (for the worker's log). */
      readonly step: string;
      readonly failedReason: string | null;
      readonly nextRetryAt: Date | null;
    }
  | { readonly kind: 'stale' }
  | { readonly kind: 'missing' }
  | { readonly kind: 'busy' }
  | { readonly kind: 'held' }
  | { readonly kind: 'fenced' };

/**
 * Executes the step a job asks for: one transaction that runs the step and logs it, fenced on the process
 * version, then enqueues the next step. A stale or duplicate job is dropped without side effects.
 */
export async function executeStep(job: StepJob, deps: StepExecutorDeps): Promise<StepExecution> {
  const now = deps.now ?? (() => new Date());
  const opened = await deps.store.openStep(job.processId);
  if (opened === 'missing' || opened === 'busy') return { kind: opened };
  const { process } = opened;
  if (process.version !== job.version || !isExecutableStatus(process.status)) {
    await opened.rollback();
    return { kind: 'stale' };
  }
  if (process.engineLocked) {
    await opened.rollback();
    return { kind: 'held' };
  }

  try {
    return await runAndCommit(opened, process, deps, now);
  } catch (error) {
    // Whatever went wrong, the transaction (and its execution lock) must not outlive this job.
    await opened.rollback().catch(() => undefined);
    throw error;
  }
}

async function runAndCommit(
  opened: OpenedStep,
  process: ProcessSnapshot,
  deps: StepExecutorDeps,
  now: () => Date,
): Promise<StepExecution> {
  const workflow = deps.registry.get(process.workflowName);
  const step = workflow?.steps[process.stepIndex];
  const startedAt = now();
  // The step gets a copy: what it changes in place before throwing must not reach the failed row.
  const result = step
    ? await runStep(step, structuredClone(process.state), stepContext(process, step, opened, deps.logger))
    : notRunnable(process);
  const input: TransitionInput = {
    process,
    workflow,
    step,
    result,
    startedAt,
    completedAt: now(),
    random: deps.random ?? Math.random,
  };
  const transition = decideTransition(input);

  let applied: Transition | null;
  if (result.kind === 'failed') {
    applied = (await opened.fail(transition.write)) ? transition : null;
  } else {
    applied = await commitOrRecordFailure(transition, (thrown) =>
      decideTransition({
        ...input,
        result: { kind: 'failed', error: toStepError(thrown), cause: thrown },
        completedAt: now(),
      }),
    );
  }
  if (!applied) return { kind: 'fenced' };

  const next = applied.next ? { processId: process.processId, version: process.version + 1 } : null;
  if (next && applied.next) await deps.scheduler.schedule(next, applied.next.delayMs);
  const { status, lastStep, failedReason, nextRetryAt } = applied.write;
  return { kind: 'committed', status, next, step: lastStep, failedReason, nextRetryAt };

  async function commitOrRecordFailure(
    success: Transition,
    failure: (thrown: unknown) => Transition,
  ): Promise<Transition | null> {
    try {
      return (await opened.commit(success.write)) ? success : null;
    } catch (thrown) {
      if (thrown instanceof TransientStoreError) throw thrown;
      // The database refused the step's writes at commit (a deferred constraint, say): the step failed.
      await opened.rollback().catch(() => undefined);
      const failed = failure(thrown);
      return (await deps.store.recordFailure(failed.write)) ? failed : null;
    }
  }
}

function notRunnable(process: ProcessSnapshot): StepResult {
  const error = new Error(
    `workflow "${process.workflowName}" has no step ${process.stepIndex} in this worker: is the workflow registered here?`,
  );
  return { kind: 'failed', error: toStepError(error), cause: error };
}

function stepContext(
  process: ProcessSnapshot,
  step: StepDefinition,
  opened: OpenedStep,
  logger: EngineLogger,
): StepContext {
  let stepLogger: EngineLogger | undefined;
  return {
    processId: process.processId,
    workflowName: process.workflowName,
    stepName: step.name,
    attempt: process.attempt + 1,
    // Read on first use only: a step that never touches the database costs the store nothing more.
    get tx() {
      return opened.tx;
    },
    get subscriptions() {
      return opened.subscriptions ?? NO_SUBSCRIPTION_SERVICE;
    },
    user: process.actor,
    idempotencyKey: `${process.processId}:${process.stepIndex}`,
    get logger() {
      stepLogger ??= logger.child({ processId: process.processId, step: step.name, attempt: process.attempt + 1 });
      return stepLogger;
    },
  };
}
