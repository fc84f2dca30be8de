import type { QueryResultRow } from 'pg';
import type { DataSource } from 'typeorm';
import {
  ProductRegistry,
  type ChildProcesses,
  type CommitOptions,
  type OpenedStep,
  type OpenStepOutcome,
  type ProcessSnapshot,
  type ProcessStatus,
  type ProcessWrite,
  type StepStore,
  type SubscriptionService,
  type WriteOutcome,
  withUnstorableError,
} from '@orchestrator/engine';
import { COMMIT_STEP } from './process-writes/commit-step';
import { COMMIT_WAIT } from './process-writes/commit-wait';
import { FAIL_STEP } from './process-writes/fail-step';
import { failWriteValues, stepWriteValues, waitWriteValues } from './process-writes/step-write-values';
import {
  FENCED_SQLSTATE,
  StepTransaction,
  writtenOutcome,
  type FollowingWrite,
  type Reopening,
} from './step-transaction';
import { WAKE_PARENT, wakeParentValues, wokenRequest } from './process-writes/wake-parent';
import { PostgresChildProcesses } from './child-processes';
import { PostgresSubscriptionService } from './subscriptions/postgres-subscription-service';

// A transaction-scoped advisory lock keeps a second executor of the same process out while a step runs.
// It is not the process row lock, so abort and resume never wait for a running step; they bump the
// version instead, and the commit statements are fenced on it.
// The same statement sets the step's lease (ENGINE.md 15.1): a transaction idle for longer than $2 ms (its
// worker stopped, cut off, or its event loop blocked) is ended by PostgreSQL, which releases the lock for
// another worker, and the late worker's commit finds its session gone. Local to the transaction.
// While the engine is paused no lock is taken (acquired is null): the step will only be dropped, and a lock
// held for that would count as a running step, so that the status read PAUSING again for each dropped job.
const LOCK_STEP = {
  name: 'orchestrator_step_lock',
  text: `SELECT CASE WHEN (SELECT global_lock FROM engine_settings) THEN NULL
                     ELSE pg_try_advisory_xact_lock(hashtextextended($1::text, 0)) END AS acquired,
                set_config('idle_in_transaction_session_timeout', $2, true) AS lease`,
};

/** STEP_LEASE_MS's default (libs/config). */
const DEFAULT_LEASE_MS = 30000;

const READ_PROCESS = {
  name: 'orchestrator_step_read',
  text: `
  SELECT p.workflow_name, p.workflow_version, p.status, p.version, p.step_index, p.state, p.failed_attempts, p.is_task, p.actor,
         p.parent_id, p.branch, p.parent_step_index,
         (SELECT pp.status FROM processes pp WHERE pp.process_id = p.parent_id) AS parent_status, (SELECT global_lock FROM engine_settings) AS engine_paused
    FROM processes p
   WHERE p.process_id = $1`,
};

// With tracing on, the read also takes what tracing keeps with the process (ENGINE.md 12.2); off, the
// statement is the plain one above and costs nothing more.
const READ_TRACED_PROCESS = {
  name: 'orchestrator_step_read_traced',
  text: `
  SELECT p.workflow_name, p.workflow_version, p.status, p.version, p.step_index, p.state, p.failed_attempts, p.is_task, p.actor,
         p.parent_id, p.branch, p.parent_step_index,
         (SELECT pp.status FROM processes pp WHERE pp.process_id = p.parent_id) AS parent_status, (SELECT global_lock FROM engine_settings) AS engine_paused,
         t.trace_context, t.trace_link,
         ARRAY(SELECT ps.subscription_id::text FROM process_subscriptions ps
                WHERE ps.process_id = p.process_id ORDER BY ps.created_at, ps.subscription_id) AS subscription_ids
    FROM processes p LEFT JOIN process_traces t ON t.process_id = p.process_id
   WHERE p.process_id = $1`,
};

interface SnapshotRow {
  workflow_name: string;
  workflow_version: string | null;
  status: ProcessStatus;
  version: number;
  step_index: number;
  state: Record<string, unknown>;
  failed_attempts: number;
  is_task: boolean;
  actor: string;
  parent_id: string | null;
  branch: string | null;
  parent_step_index: number | null;
  parent_status: ProcessStatus | null;
  engine_paused: boolean | null;
  trace_context?: string | null;
  trace_link?: string | null;
  subscription_ids?: string[];
}

export interface PostgresStepStoreOptions {
  /** Read the trace context kept with each process, for the step's span (tracing on). */
  readTrace?: boolean;
  /** STEP_LEASE_MS: how long a step's transaction may go without a statement (default 30000). */
  leaseMs?: number;
  /**
   * A step with `timeoutMs` may go that long plus this (the job lock time) without a statement; by then its
   * own timer has failed it, unless its event loop is blocked (ENGINE.md 14.4). Default: the lease.
   */
  timedStepGraceMs?: number;
}

/** The engine's StepStore on PostgreSQL: one transaction per step, two socket writes on the hot path. */
export class PostgresStepStore implements StepStore {
  constructor(
    private readonly dataSource: DataSource,
    /** The products whose schemas `ctx.subscriptions` validates subscription data against. */
    readonly products: ProductRegistry = new ProductRegistry(),
    private readonly options: PostgresStepStoreOptions = {},
  ) {}

  /** How long the transaction of a step with `timeoutMs` may stay idle. */
  idleTimeoutOf(timeoutMs: number): number {
    const leaseMs = this.options.leaseMs ?? DEFAULT_LEASE_MS;
    return Math.max(leaseMs, timeoutMs + (this.options.timedStepGraceMs ?? leaseMs));
  }

  private readonly cancelBackend = async (pid: number): Promise<void> => {
    await this.dataSource.query('SELECT pg_cancel_backend($1)', [pid]);
  };

  async openStep(processId: string): Promise<OpenStepOutcome> {
    const transaction = await StepTransaction.open(this.dataSource.createQueryRunner(), this.cancelBackend);
    try {
      const { lock, read } = this.reopening(processId);
      const begun = await transaction.begin<{ acquired: boolean | null }, SnapshotRow>(lock, read);
      return await this.openedFrom(transaction, processId, begun.locked, begun.read);
    } catch (error) {
      await transaction.rollback().catch(() => undefined);
      await transaction.release();
      throw error;
    }
  }

  /** The lock and read that begin a step of the process. Named statements: planned once per connection. */
  reopening(processId: string): Reopening {
    return {
      lock: { ...LOCK_STEP, values: [processId, String(this.options.leaseMs ?? DEFAULT_LEASE_MS)] },
      read: { ...(this.options.readTrace ? READ_TRACED_PROCESS : READ_PROCESS), values: [processId] },
    };
  }

  /** What a begun step transaction's lock and read mean; the transaction is ended unless it is opened. */
  async openedFrom(
    transaction: StepTransaction,
    processId: string,
    locked: { acquired?: boolean | null }[],
    read: SnapshotRow[],
  ): Promise<OpenStepOutcome> {
    try {
      const row = read[0];
      const acquired = locked[0]?.acquired;
      // Paused without the lock: opened only for executeStep to answer `paused` and roll back, which it does
      // before it runs anything. Unpaused between the two statements: delivered again later, under the lock.
      const pausedUnlocked = acquired === null && row?.engine_paused === true;
      if (!row || !(acquired || pausedUnlocked)) {
        await transaction.rollback();
        await transaction.release();
        return { kind: row ? 'busy' : 'missing' };
      }
      return { kind: 'opened', step: new PostgresOpenedStep(transaction, toSnapshot(processId, row), this) };
    } catch (error) {
      await transaction.rollback().catch(() => undefined);
      await transaction.release();
      throw error;
    }
  }

  /** One statement, so atomic on its own; a failure whose error cannot be stored is recorded plainer. */
  async recordFailure(write: ProcessWrite): Promise<WriteOutcome> {
    return recordWithFallback(write, async (w) => {
      try {
        if (w.wakeParent) return await this.recordFailureWakingParent(w);
        return writtenOutcome((await this.dataSource.query(FAIL_STEP.text, failWriteValues(w))) as QueryResultRow[]);
      } catch (error) {
        if ((error as { code?: string }).code === FENCED_SQLSTATE) return { kind: 'fenced' };
        throw error;
      }
    });
  }

  /** A child's failure and its parent's wake-up, in one transaction of their own. */
  private recordFailureWakingParent(write: ProcessWrite): Promise<WriteOutcome> {
    return this.dataSource.transaction(async (tx) => {
      const outcome = writtenOutcome((await tx.query(FAIL_STEP.text, failWriteValues(write))) as QueryResultRow[]);
      const woken = wokenRequest((await tx.query(WAKE_PARENT.text, wakeParentValues(write.processId))) as []);
      return woken && outcome.kind === 'written' ? { ...outcome, woken } : outcome;
    });
  }
}

/** The parent's wake-up sent behind a child's final write (ENGINE.md 14.2), when the write asks for it. */
function parentWakeUp(write: ProcessWrite): FollowingWrite | undefined {
  if (!write.wakeParent) return undefined;
  return {
    query: { ...WAKE_PARENT, values: wakeParentValues(write.processId) },
    outcome: (rows) => {
      const woken = wokenRequest(rows);
      return woken ? { woken } : {};
    },
  };
}

class PostgresOpenedStep implements OpenedStep {
  constructor(
    private readonly transaction: StepTransaction,
    readonly process: ProcessSnapshot,
    private readonly store: PostgresStepStore,
  ) {}

  get tx(): OpenedStep['tx'] {
    return this.transaction.manager;
  }

  private subscriptionService: SubscriptionService | undefined;
  /** Created on first use, so that a step that does not use it takes no savepoint for it. */
  get subscriptions(): SubscriptionService {
    this.subscriptionService ??= new PostgresSubscriptionService(this.tx, this.process.processId, this.store.products);
    return this.subscriptionService;
  }

  private childProcesses: ChildProcesses | undefined;
  get children(): ChildProcesses {
    this.childProcesses ??= new PostgresChildProcesses(this.tx, this.process.processId);
    return this.childProcesses;
  }

  async commit(write: ProcessWrite, options: CommitOptions = {}): Promise<WriteOutcome> {
    const waits = write.assignee !== null || write.callback !== null;
    const statement = waits
      ? { ...COMMIT_WAIT, values: waitWriteValues(write) }
      : { ...COMMIT_STEP, values: stepWriteValues(write) };
    let handedOn = false;
    try {
      if (!options.openNext || waits) return await this.transaction.commitWith(statement, parentWakeUp(write));
      const { outcome, reopened } = await this.transaction.commitAndReopen(
        statement,
        parentWakeUp(write),
        this.store.reopening(write.processId),
      );
      if (!reopened || outcome.kind !== 'written') return outcome;
      handedOn = true;
      const { transaction, locked, read } = reopened;
      return {
        ...outcome,
        next: await this.store.openedFrom(transaction, write.processId, locked, read as SnapshotRow[]),
      };
    } finally {
      // The connection goes on with the next step's transaction when there is one (openedFrom ends it otherwise).
      if (!handedOn) {
        await this.transaction.rollback().catch(() => undefined);
        await this.transaction.release();
      }
    }
  }

  async fail(write: ProcessWrite): Promise<WriteOutcome> {
    try {
      return await this.transaction.failWith({ ...FAIL_STEP, values: failWriteValues(write) }, parentWakeUp(write));
    } catch (error) {
      // After a time-out's cancel, a statement of ours may have caught the cancel instead of the step's: the
      // time-out is then recorded in a transaction of its own (fenced like every write).
      if (!isDataException(error) && !this.transaction.wasInterrupted) throw error;
    } finally {
      await this.transaction.rollback().catch(() => undefined);
      await this.transaction.release();
    }
    // The error could not be stored as it is: record a plainer one in a transaction of its own.
    return this.store.recordFailure(write);
  }

  async rollback(): Promise<void> {
    try {
      await this.transaction.rollback();
    } finally {
      await this.transaction.release();
    }
  }

  limitTo(timeoutMs: number): Promise<void> {
    return this.transaction.limitTo(this.store.idleTimeoutOf(timeoutMs));
  }

  interrupt(): Promise<void> {
    return this.transaction.interrupt();
  }

  heartbeat(): Promise<void> {
    return this.transaction.heartbeat();
  }
}

/**
 * A data exception (SQLSTATE class 22) means the error itself cannot be stored: record a plainer one
 * rather than leave the failure unrecorded and the step re-run forever.
 */
async function recordWithFallback(
  write: ProcessWrite,
  record: (write: ProcessWrite) => Promise<WriteOutcome>,
): Promise<WriteOutcome> {
  try {
    return await record(write);
  } catch (error) {
    if (!isDataException(error)) throw error;
    return record(withUnstorableError(write, String((error as Error).message)));
  }
}

function isDataException(error: unknown): boolean {
  return String((error as { code?: unknown }).code ?? '').startsWith('22');
}

function toSnapshot(processId: string, row: SnapshotRow): ProcessSnapshot {
  return {
    processId,
    workflowName: row.workflow_name,
    workflowVersion: row.workflow_version,
    status: row.status,
    version: row.version,
    stepIndex: row.step_index,
    state: row.state,
    failedAttempts: row.failed_attempts,
    isTask: row.is_task,
    actor: row.actor,
    enginePaused: row.engine_paused === true,
    ...(row.parent_id === null ? {} : { parentId: row.parent_id }),
    ...(row.branch === null || row.parent_step_index === null || row.parent_status === null
      ? {}
      : { branch: { name: row.branch, parentStepIndex: row.parent_step_index, parentStatus: row.parent_status } }),
    ...(row.subscription_ids === undefined
      ? {}
      : {
          trace: {
            context: row.trace_context ?? null,
            link: row.trace_link ?? null,
            subscriptionIds: row.subscription_ids,
          },
        }),
  };
}
