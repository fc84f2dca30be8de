import type { State } from './state';
import type { ProcessStatus, StepStatus } from './statuses';
import type { StepContext, StepError } from './step-types';
import type { SubscriptionService } from './subscriptions';

/** A BullMQ message asks for the step of `processId` that follows process version `version`. */
export interface StepJob {
  readonly processId: string;
  readonly version: number;
}

/** The process row as a step transaction reads it. */
export interface ProcessSnapshot {
  readonly processId: string;
  readonly workflowName: string;
  readonly status: ProcessStatus;
  readonly version: number;
  readonly stepIndex: number;
  readonly state: State;
  /** Failed attempts of the current step so far (retryStep backoff). */
  readonly attempt: number;
  readonly isTask: boolean;
  /** Who started or last resumed the process. */
  readonly actor: string;
  /** Engine pause (global lock) is set. */
  readonly engineLocked: boolean;
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
  readonly attempt: number;
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
}

/** An open step transaction holding the process's execution lock. */
export interface OpenedStep {
  readonly process: ProcessSnapshot;
  readonly tx: StepContext['tx'];
  /** `ctx.subscriptions` of the step, bound to `tx`; a store without one leaves it undefined. */
  readonly subscriptions?: SubscriptionService;
  /**
   * Writes and commits; false (and rolled back) when the process moved on meanwhile (fenced out).
   * Throws when the commit is refused: a TransientStoreError when the store itself failed (the job should
   * be delivered again), anything else when the step's own writes were refused (the step failed).
   */
  commit(write: ProcessWrite): Promise<boolean>;
  /**
   * Undoes the step's own writes and records its failure in the same transaction, still holding the
   * execution lock, so that no second delivery can run the step between the failure and its record.
   * False when fenced out.
   */
  fail(write: ProcessWrite): Promise<boolean>;
  rollback(): Promise<void>;
}

/**
 * The store could not do its part (connection lost, database shutting down, a serialization conflict):
 * nothing was committed and the job should be delivered again. Not a failure of the step.
 */
export class TransientStoreError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TransientStoreError';
  }
}

export interface StepStore {
  /** Begins the step transaction; `busy` when another executor holds this process right now. */
  openStep(processId: string): Promise<OpenedStep | 'missing' | 'busy'>;
  /** Records a failed step in a transaction of its own (after a refused commit); false when fenced out. */
  recordFailure(write: ProcessWrite): Promise<boolean>;
}

export interface StepScheduler {
  schedule(job: StepJob, delayMs: number): Promise<void>;
}
