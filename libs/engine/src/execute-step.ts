import { randomBytes } from 'node:crypto';
import type { EngineLogger } from './logger';
import {
  TransientStoreError,
  type OpenedStep,
  type ProcessSnapshot,
  type StepRequest,
  type StepScheduler,
  type StepStore,
} from './ports';
import { ProductRegistry } from './products';
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
  /** The products `ctx.catalog` shows (the step store validates subscription data against its own). */
  readonly products?: ProductRegistry;
  readonly logger: EngineLogger;
  readonly now?: () => Date;
  readonly random?: () => number;
  /** Base of callback URLs (ENGINE.md 8.12: PUBLIC_URL, default http://localhost:PORT). */
  readonly publicUrl?: string;
  /** A fresh unguessable callback token; tests may pin it. */
  readonly newCallbackToken?: () => string;
}

/** What became of one step request; only `busy` asks the caller to deliver the request again later. */
export type StepExecution =
  | {
      readonly kind: 'committed';
      readonly status: ProcessStatus;
      readonly next: StepRequest | null;
      /** The logged step, and why it failed when it did (for the worker's log). */
      readonly step: string;
      readonly failedReason: string | null;
      readonly nextRetryAt: Date | null;
    }
  /** The request's version is not the process's, or the process is not executable: dropped. */
  | { readonly kind: 'stale' }
  | { readonly kind: 'missing' }
  | { readonly kind: 'busy' }
  /** The engine is paused: rolled back; unpausing requests the step again. */
  | { readonly kind: 'paused' }
  /** The process moved on (abort, resume) while the step ran: rolled back, nothing logged. */
  | { readonly kind: 'fenced' };

/**
 * Executes the requested step: one transaction that runs the step and logs it, fenced on the process
 * version, then schedules the next step. A stale or duplicate request is dropped without side effects.
 */
export async function executeStep(request: StepRequest, deps: StepExecutorDeps): Promise<StepExecution> {
  const now = deps.now ?? (() => new Date());
  const outcome = await deps.store.openStep(request.processId);
  if (outcome.kind !== 'opened') return outcome;
  const opened = outcome.step;
  const { process } = opened;
  if (process.version !== request.version || !isExecutableStatus(process.status)) {
    await opened.rollback();
    return { kind: 'stale' };
  }
  if (process.enginePaused) {
    await opened.rollback();
    return { kind: 'paused' };
  }

  try {
    return await runAndCommit(opened, process, deps, now);
  } catch (error) {
    // Whatever went wrong, the transaction (and its execution lock) must not outlive this execution.
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
  const callbackToken = step?.kind === 'callback' ? (deps.newCallbackToken ?? newCallbackToken)() : undefined;
  const afterCommit: ScheduledRequest[] = [];
  const ctx = step ? stepContext(process, step, opened, deps, { callbackToken, afterCommit }) : undefined;
  // The step gets a copy: what it changes in place before throwing must not reach the failed row.
  const result = step && ctx ? await runStep(step, structuredClone(process.state), ctx) : notRunnable(process);
  const input: TransitionInput = {
    process,
    workflow,
    step,
    result,
    startedAt,
    completedAt: now(),
    random: deps.random ?? Math.random,
    callbackToken,
  };
  const transition = decideTransition(input);

  let applied: Transition | null;
  if (result.kind === 'failed') {
    applied = (await opened.fail(transition.write)).kind === 'written' ? transition : null;
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
  if (applied === transition && result.kind !== 'failed') {
    for (const extra of afterCommit) await deps.scheduler.schedule(extra.request, extra.delayMs);
  }
  const { status, lastStep, failedReason, nextRetryAt } = applied.write;
  return { kind: 'committed', status, next, step: lastStep, failedReason, nextRetryAt };

  async function commitOrRecordFailure(
    success: Transition,
    failure: (thrown: unknown) => Transition,
  ): Promise<Transition | null> {
    try {
      return (await opened.commit(success.write)).kind === 'written' ? success : null;
    } catch (thrown) {
      if (thrown instanceof TransientStoreError) throw thrown;
      // The database refused the step's writes at commit (a deferred constraint, say): the step failed.
      await opened.rollback().catch(() => undefined);
      const failed = failure(thrown);
      return (await deps.store.recordFailure(failed.write)).kind === 'written' ? failed : null;
    }
  }
}

function notRunnable(process: ProcessSnapshot): StepResult {
  const error = new Error(
    `workflow "${process.workflowName}" has no step ${process.stepIndex} in this worker: is the workflow registered here?`,
  );
  return { kind: 'failed', error: toStepError(error), cause: error };
}

const NO_PRODUCTS = new ProductRegistry();

interface ScheduledRequest {
  readonly request: StepRequest;
  readonly delayMs: number;
}

/** 32 random bytes, URL-safe: unguessable, and stored only as a hash. */
function newCallbackToken(): string {
  return randomBytes(32).toString('base64url');
}

function stepContext(
  process: ProcessSnapshot,
  step: StepDefinition,
  opened: OpenedStep,
  deps: StepExecutorDeps,
  extras: { callbackToken: string | undefined; afterCommit: ScheduledRequest[] },
): StepContext {
  const { logger } = deps;
  let stepLogger: EngineLogger | undefined;
  const callbackUrl =
    extras.callbackToken === undefined
      ? undefined
      : `${(deps.publicUrl ?? 'http://localhost:8080').replace(/\/+$/, '')}/api/processes/${process.processId}/callback/${extras.callbackToken}`;
  return {
    ...(callbackUrl === undefined ? {} : { callbackUrl }),
    scheduleAfterCommit(request, delayMs = 0) {
      extras.afterCommit.push({ request: { processId: request.processId, version: request.version }, delayMs });
    },
    processId: process.processId,
    workflowName: process.workflowName,
    stepName: step.name,
    attempt: process.failedAttempts + 1,
    // Read on first use only: a step that never touches the database costs the store nothing more.
    get tx() {
      return opened.tx;
    },
    get subscriptions() {
      return opened.subscriptions ?? NO_SUBSCRIPTION_SERVICE;
    },
    actor: process.actor,
    catalog: { workflows: deps.registry, products: deps.products ?? NO_PRODUCTS },
    idempotencyKey: `${process.processId}:${process.stepIndex}`,
    get logger() {
      stepLogger ??= logger.child({
        processId: process.processId,
        step: step.name,
        attempt: process.failedAttempts + 1,
      });
      return stepLogger;
    },
  };
}
