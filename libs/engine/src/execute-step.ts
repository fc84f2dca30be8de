import { randomBytes } from 'node:crypto';
import type { EngineLogger } from './logger';
import {
  TransientStoreError,
  type OpenedStep,
  type OpenStepOutcome,
  type ProcessSnapshot,
  type StepRequest,
  type StepScheduler,
  type StepStore,
  type WorkflowVersionSource,
  type WriteOutcome,
} from './ports';
import { OrchestratorError } from './errors';
import { pinWorkflow } from './versions/pinned-workflow';
import type { WorkflowDefinition } from './workflow';
import { ProductRegistry } from './products';
import type { WorkflowRegistry } from './registry';
import { runStep } from './run-step';
import { runWithinTimeout } from './step-timeout';
import type { State } from './state';
import { runSubWorkflowStep } from './sub-workflow-step';
import { runParallelStep } from './parallel-step';
import { workflowOf } from './branch-workflow';
import { isExecutableStatus, type ProcessStatus } from './statuses';
import type { StepContext, StepDefinition, StepResult } from './step-types';
import { toStepError } from './failure';
import { NO_SUBSCRIPTION_SERVICE, type SubscriptionService } from './subscriptions';
import type { StepObserver } from './step-observer';
import { TouchedSubscriptions } from './touched-subscriptions';
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
  /** Live events, metrics and tracing around each step. */
  readonly observer?: StepObserver;
  /**
   * The recorded step lists of older workflow versions, read when a process is pinned to a version other
   * than the code's (ENGINE.md 14.3). Without it such a process is run on the code's step list.
   */
  readonly versions?: WorkflowVersionSource;
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
      /**
       * `next` already begun behind the commit, when the scheduler said it runs it here (`runsHere`): pass it
       * to the executeStep of `next`, or roll it back.
       */
      readonly nextOpened?: OpenStepOutcome;
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
export async function executeStep(
  request: StepRequest,
  deps: StepExecutorDeps,
  /** The step's transaction when the previous step's commit began it (`nextOpened`). */
  begun?: OpenStepOutcome,
): Promise<StepExecution> {
  const now = deps.now ?? (() => new Date());
  const outcome = begun ?? (await deps.store.openStep(request.processId));
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
    const resolved = await resolveWorkflow(process, deps);
    const { observer } = deps;
    if (!observer?.around) return await runAndCommit(opened, process, resolved, deps, now);
    const step = resolved.workflow?.steps[process.stepIndex];
    return await observer.around(process, step, () => runAndCommit(opened, process, resolved, deps, now));
  } catch (error) {
    // Whatever went wrong, the transaction (and its execution lock) must not outlive this execution.
    await opened.rollback().catch(() => undefined);
    throw error;
  }
}

/** The workflow a process runs (its pinned version), or the steps it lacks to run it safely. */
interface ResolvedWorkflow {
  readonly workflow: WorkflowDefinition | undefined;
  readonly changed?: { readonly missing: readonly string[]; readonly stepName: string | undefined };
}

async function resolveWorkflow(process: ProcessSnapshot, deps: StepExecutorDeps): Promise<ResolvedWorkflow> {
  // A branch process runs its parallel step's branch of the code (ENGINE.md 14.1): its parent is the one pinned.
  const code = workflowOf(deps.registry, process);
  const pinnedTo = process.workflowVersion ?? null;
  if (!code || pinnedTo === null || !deps.versions || process.branch) return { workflow: code };
  const recorded = await deps.versions.outlineOf(process.workflowName, pinnedTo);
  const pinned = pinWorkflow(code, pinnedTo, recorded, process.stepIndex);
  if (pinned.kind !== 'changed') return { workflow: pinned.workflow };
  return { workflow: undefined, changed: { missing: pinned.missing, stepName: pinned.stepName } };
}

async function runAndCommit(
  opened: OpenedStep,
  process: ProcessSnapshot,
  resolved: ResolvedWorkflow,
  deps: StepExecutorDeps,
  now: () => Date,
): Promise<StepExecution> {
  const { workflow, changed } = resolved;
  const step = changed ? changedStep(changed.stepName, process) : workflow?.steps[process.stepIndex];
  const startedAt = now();
  const callbackToken = step?.kind === 'callback' ? (deps.newCallbackToken ?? newCallbackToken)() : undefined;
  const afterCommit: ScheduledRequest[] = [];
  const touched = deps.observer?.committed ? new TouchedSubscriptions() : undefined;
  const ctx = step ? stepContext(process, step, opened, deps, { callbackToken, afterCommit, touched }) : undefined;
  // The step gets a copy: what it changes in place before throwing must not reach the failed row.
  const result = changed
    ? workflowChanged(process, changed.missing)
    : !(step && ctx)
      ? notRunnable(process)
      : (haltedBranch(process) ??
        (await runWithinTimeout(step, opened, () =>
          runAnyStep(step, structuredClone(process.state), ctx, process, opened, deps, afterCommit),
        )));
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

  let modifiedAt: Date | null = null;
  let woken: StepRequest | undefined;
  let nextOpened: OpenStepOutcome | undefined;
  const written = (outcome: WriteOutcome): boolean => {
    if (outcome.kind !== 'written') return false;
    modifiedAt = outcome.modifiedAt ?? null;
    woken = outcome.woken;
    nextOpened = outcome.next;
    return true;
  };
  const nextRequest = { processId: process.processId, version: process.version + 1 };
  const openNext = transition.next !== null && deps.scheduler.runsHere?.(nextRequest, transition.next.delayMs) === true;
  let applied: Transition | null;
  if (result.kind === 'failed') {
    applied = written(await opened.fail(transition.write)) ? transition : null;
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
  const succeeded = applied === transition && result.kind !== 'failed';
  try {
    deps.observer?.committed?.({
      process,
      write: applied.write,
      modifiedAt,
      subscriptionIds: succeeded && touched ? touched.ids() : [],
    });

    const next = applied.next ? nextRequest : null;
    if (next && applied.next) await deps.scheduler.schedule(next, applied.next.delayMs);
    // A child that ended woke its waiting parent in the same transaction: the parent's step runs next.
    if (woken) await deps.scheduler.schedule(woken, 0);
    if (succeeded) {
      for (const extra of afterCommit) await deps.scheduler.schedule(extra.request, extra.delayMs);
    }
    const { status, lastStep, failedReason, nextRetryAt } = applied.write;
    return { kind: 'committed', status, next, step: lastStep, failedReason, nextRetryAt, nextOpened };
  } catch (error) {
    await rollBackOpened(nextOpened);
    throw error;
  }

  async function commitOrRecordFailure(
    success: Transition,
    failure: (thrown: unknown) => Transition,
  ): Promise<Transition | null> {
    try {
      return written(await opened.commit(success.write, openNext ? { openNext } : undefined)) ? success : null;
    } catch (thrown) {
      if (thrown instanceof TransientStoreError) throw thrown;
      // The database refused the step's writes at commit (a deferred constraint, say): the step failed.
      await opened.rollback().catch(() => undefined);
      const failed = failure(thrown);
      return written(await deps.store.recordFailure(failed.write)) ? failed : null;
    }
  }
}

/** Ends a next step's transaction begun behind a commit that its caller will not run. */
export async function rollBackOpened(opened: OpenStepOutcome | undefined): Promise<void> {
  if (opened?.kind === 'opened') await opened.step.rollback().catch(() => undefined);
}

/** Sub-workflow and parallel steps start child processes, requested once the step has committed. */
async function runAnyStep(
  step: StepDefinition,
  state: State,
  ctx: StepContext,
  process: ProcessSnapshot,
  opened: OpenedStep,
  deps: StepExecutorDeps,
  afterCommit: ScheduledRequest[],
): Promise<StepResult> {
  if (step.kind !== 'subWorkflow' && step.kind !== 'parallel') return runStep(step, state, ctx);
  const { result, schedule } =
    step.kind === 'subWorkflow'
      ? await runSubWorkflowStep(step, state, process, opened.children, deps.registry)
      : await runParallelStep(step, state, process, opened.children);
  for (const request of [schedule ?? []].flat()) afterCommit.push({ request, delayMs: 0 });
  return result;
}

/**
 * A branch whose parallel step failed (another branch failed) takes no further step: it records itself
 * failed without running, and a retry of the parent resumes it here (ENGINE.md 14.1).
 */
function haltedBranch(process: ProcessSnapshot): StepResult | undefined {
  const status = process.branch?.parentStatus;
  if (status === undefined || !HALTING_PARENT.includes(status)) return undefined;
  const error = new OrchestratorError('PARALLEL_BRANCH_STOPPED', 'stopped: another branch of the parallel step failed');
  return { kind: 'failed', error: toStepError(error), cause: error };
}

const HALTING_PARENT: readonly ProcessStatus[] = ['failed', 'api_unavailable', 'inconsistent_data'];

function notRunnable(process: ProcessSnapshot): StepResult {
  const error = new Error(
    `workflow "${process.workflowName}" has no step ${process.stepIndex} in this worker: is the workflow registered here?`,
  );
  return { kind: 'failed', error: toStepError(error), cause: error };
}

/** Names the failed row after the version's step; it never runs. */
function changedStep(name: string | undefined, process: ProcessSnapshot): StepDefinition {
  return { kind: 'step', name: name ?? `step ${process.stepIndex}`, fn: () => undefined };
}

/** The code no longer has steps this process has yet to run: fail safely instead of running a wrong one. */
function workflowChanged(process: ProcessSnapshot, missing: readonly string[]): StepResult {
  const error = new OrchestratorError(
    'WORKFLOW_CHANGED',
    missing.length > 0
      ? `WORKFLOW_CHANGED: workflow "${process.workflowName}" no longer has the steps this process has yet to run (${missing.join(', ')}); migrate the process`
      : `WORKFLOW_CHANGED: version ${String(process.workflowVersion)} of workflow "${process.workflowName}" is not recorded; migrate the process`,
    missing.map((name) => ({ step: name })),
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
  extras: {
    callbackToken: string | undefined;
    afterCommit: ScheduledRequest[];
    touched: TouchedSubscriptions | undefined;
  },
): StepContext {
  const { logger } = deps;
  let stepLogger: EngineLogger | undefined;
  let recorded: SubscriptionService | undefined;
  const callbackUrl =
    extras.callbackToken === undefined
      ? undefined
      : `${(deps.publicUrl ?? 'http://localhost:8080').replace(/\/+$/, '')}/api/processes/${process.processId}/callback/${extras.callbackToken}`;
  return {
    ...(callbackUrl === undefined ? {} : { callbackUrl }),
    heartbeat: () => opened.heartbeat(),
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
      const service = opened.subscriptions ?? NO_SUBSCRIPTION_SERVICE;
      recorded ??= extras.touched ? extras.touched.wrap(service) : service;
      return recorded;
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
