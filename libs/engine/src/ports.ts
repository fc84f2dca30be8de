import type { State } from './state';
import type { ProcessStatus, StepStatus } from './statuses';
import type { StepContext, StepError } from './step-types';
import type { SubscriptionService } from './subscriptions';
import type { StepOutline } from './versions/step-outline';

/** Asks for the step of `processId` that follows process version `version` (the queue layer carries it). */
export interface StepRequest {
  readonly processId: string;
  readonly version: number;
}

/** The process row as a step transaction reads it. */
export interface ProcessSnapshot {
  readonly processId: string;
  readonly workflowName: string;
  /** The workflow version the process is pinned to (ENGINE.md 14.3); null or absent: the code's. */
  readonly workflowVersion?: string | null;
  readonly status: ProcessStatus;
  readonly version: number;
  readonly stepIndex: number;
  readonly state: State;
  /** Failed attempts of the current step so far (retryStep backoff); `ctx.attempt` is this number + 1. */
  readonly failedAttempts: number;
  readonly isTask: boolean;
  /** Who started or last resumed the process. */
  readonly actor: string;
  /** The engine is paused (the API's `globalLock`). */
  readonly enginePaused: boolean;
  /** What tracing keeps with the process; only read by a store asked to (tracing on). */
  readonly trace?: ProcessTrace;
  /** The parent process, when this one was started by a sub-workflow step (ENGINE.md 14.2). */
  readonly parentId?: string | null;
  /** Set when this process is a branch of its parent's parallel step (ENGINE.md 14.1). */
  readonly branch?: BranchOf;
}

/** A branch process: which parallel step of the parent it runs a branch of, and the parent's status now. */
export interface BranchOf {
  readonly name: string;
  readonly parentStepIndex: number;
  readonly parentStatus: ProcessStatus;
}

/** The trace context kept with a process, passed on to the step observer; the engine does not read it. */
export interface ProcessTrace {
  /** W3C `traceparent` of the request that started the process. */
  readonly context: string | null;
  /** W3C `traceparent` of the latest request that resumed it (resume, answer, callback). */
  readonly link: string | null;
  /** The subscriptions linked to the process when the step began. */
  readonly subscriptionIds: readonly string[];
}

export interface StepRowWrite {
  readonly name: string;
  readonly status: StepStatus;
  readonly state: State;
  readonly error: StepError | null;
  readonly createdBy: string;
  readonly startedAt: Date;
  readonly completedAt: Date;
}

/** Everything one step commits, applied only while the process still has `expectedVersion`. */
export interface ProcessWrite {
  readonly processId: string;
  readonly expectedVersion: number;
  readonly status: ProcessStatus;
  readonly stepIndex: number;
  readonly state: State;
  readonly lastStep: string;
  readonly failedAttempts: number;
  readonly nextRetryAt: Date | null;
  readonly failedReason: string | null;
  readonly traceback: string | null;
  readonly rows: readonly StepRowWrite[];
  /** Who should act next (an input step's assignee); null leaves it as it is. */
  readonly assignee: string | null;
  /**
   * A callback step's single-use token (the store keeps only a hash) and how long it stays good (the store
   * sets the expiry on its own clock); null for every other step.
   */
  readonly callback: { readonly token: string; readonly timeoutMs: number | null } | null;
  /** Fold into the latest row when it is the same step with the same status and error message. */
  readonly foldRepeatedFailure: boolean;
  /**
   * The parent process to wake in the same transaction (this child completed, failed or aborted): if it
   * still waits at its sub-workflow step it becomes `running`, and the outcome's `woken` asks for its step.
   */
  readonly wakeParent?: string | null;
}

/** Whether a write was applied, or refused because the process moved on meanwhile (abort, resume). */
export type WriteOutcome =
  | {
      readonly kind: 'written';
      /** The process's new last-modified time on the store's clock, when the store says. */
      readonly modifiedAt?: Date;
      readonly woken?: StepRequest;
      /** The process's next step, begun behind the commit when `CommitOptions.openNext` asked for it. */
      readonly next?: OpenStepOutcome;
    }
  | { readonly kind: 'fenced' };

export interface CommitOptions {
  /**
   * The caller runs the process's next step right after this commit (a worker's step chain): a store may
   * begin it in the same round trip and hand it back as the outcome's `next`, which the caller must then
   * run or roll back. A store may ignore it.
   */
  readonly openNext?: boolean;
}

export type OpenStepOutcome =
  | { readonly kind: 'opened'; readonly step: OpenedStep }
  /** No such process. */
  | { readonly kind: 'missing' }
  /** Another executor holds this process right now; the request should be delivered again later. */
  | { readonly kind: 'busy' };

/** An open step transaction holding the process's execution lock. */
export interface OpenedStep {
  readonly process: ProcessSnapshot;
  readonly tx: StepContext['tx'];
  /** `ctx.subscriptions` of the step, bound to `tx`; a store without one leaves it undefined. */
  readonly subscriptions?: SubscriptionService;
  /** The process's child processes (sub-workflow steps), bound to `tx`; a store without them leaves it undefined. */
  readonly children?: ChildProcesses;
  /**
   * Writes and commits; `fenced` (and rolled back) when the process moved on meanwhile.
   * Throws when the commit is refused: a TransientStoreError when the store itself failed (the request
   * should be delivered again), anything else when the step's own writes were refused (the step failed).
   */
  commit(write: ProcessWrite, options?: CommitOptions): Promise<WriteOutcome>;
  /**
   * Undoes the step's own writes and records its failure in the same transaction, still holding the
   * execution lock, so that no second delivery can run the step between the failure and its record.
   * Only when the error itself cannot be stored (a data exception) is a plainer one recorded afterwards in
   * a transaction of its own, without the lock: fenced on the version like every write, so a delivery
   * that ran the step meanwhile turns that record into a no-op.
   */
  fail(write: ProcessWrite): Promise<WriteOutcome>;
  rollback(): Promise<void>;
  /**
   * Before a step with `timeoutMs` runs (ENGINE.md 14.4): its lease (how long the transaction may go without
   * progress before the store's executor loses it) now covers that time, and `interrupt` can stop it.
   */
  limitTo(timeoutMs: number): Promise<void>;
  /**
   * The step ran past its `timeoutMs`: its further statements are refused and the one in flight, if any, is
   * cancelled and waited for. The transaction stays open (and the execution lock held) for `fail`.
   */
  interrupt(): Promise<void>;
  /** `ctx.heartbeat()`: the step is still making progress, its lease starts again. */
  heartbeat(): Promise<void>;
}

/**
 * The store could not do its part (connection lost, database shutting down, a serialization conflict):
 * nothing was committed and the request should be delivered again. Not a failure of the step.
 */
export class TransientStoreError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TransientStoreError';
  }
}

export interface StepStore {
  /** Begins the step transaction and takes the process's execution lock. */
  openStep(processId: string): Promise<OpenStepOutcome>;
  /**
   * Records a failed step in a transaction of its own, after a refused commit (whose rollback released the
   * execution lock): fenced on the version, so it is a no-op when another delivery moved the process on.
   */
  recordFailure(write: ProcessWrite): Promise<WriteOutcome>;
}

/** Runs the requested step later (the queue); `delayMs` 0 means as soon as a worker is free. */
export interface StepScheduler {
  schedule(request: StepRequest, delayMs: number): Promise<void>;
  /**
   * Whether `schedule` would keep this request to run it right here after the current step (a worker's step
   * chain) rather than queue it; asked before the commit, so that the store can begin that step with it.
   */
  runsHere?(request: StepRequest, delayMs: number): boolean;
}

/** The step lists of a workflow's recorded versions; a version never changes, so a reader may cache it. */
export interface WorkflowVersionSource {
  outlineOf(workflowName: string, version: string): Promise<readonly StepOutline[] | undefined>;
}

/** A child process as the parent's sub-workflow step reads it (locked against its concurrent completion). */
export interface ChildSnapshot {
  readonly processId: string;
  readonly workflowName: string;
  readonly status: ProcessStatus;
  readonly version: number;
  readonly state: State;
  readonly failedReason: string | null;
  /** The branch of a parallel step it runs, or null for a sub-workflow's child. */
  readonly branch: string | null;
}

/** The child processes of the process whose step transaction is open, in that transaction. */
export interface ChildProcesses {
  /** The newest child started at the parent's step `stepIndex`, or null. */
  latest(stepIndex: number): Promise<ChildSnapshot | null>;
  /** The newest child of each branch started at the parent's parallel step `stepIndex`. */
  branches(stepIndex: number): Promise<ChildSnapshot[]>;
  /** Inserts a child as `created` (version 0) with its initial state; its Start step is requested after commit. */
  start(child: {
    workflowName: string;
    stepIndex: number;
    state: State;
    actor: string;
    branch?: string;
  }): Promise<StepRequest>;
  /** Resumes a failed child (a retry of the parent): its new request, or null when it moved on meanwhile. */
  resume(child: ChildSnapshot, actor: string): Promise<StepRequest | null>;
}
