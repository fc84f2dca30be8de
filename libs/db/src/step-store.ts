import type { DataSource } from 'typeorm';
import type { OpenedStep, ProcessSnapshot, ProcessStatus, ProcessWrite, StepStore } from '@orchestrator/engine';
import { hashCallbackToken } from './callback-token-hash';
import { FENCED_SQLSTATE, StepTransaction } from './step-transaction';
import { ProductRegistry, type SubscriptionService } from '@orchestrator/engine';
import { PostgresSubscriptionService } from './subscriptions/postgres-subscription-service';

// A transaction-scoped advisory lock keeps a second executor of the same process out while a step runs.
// It is not the process row lock, so abort and resume never wait for a running step; they bump the
// version instead, and the commit below is fenced on it.
const LOCK_SQL = `SELECT pg_try_advisory_xact_lock(hashtextextended($1::text, 0)) AS acquired`;

const READ_SQL = `
  SELECT p.workflow_name, p.status, p.version, p.step_index, p.state, p.attempt, p.is_task, p.actor,
         (SELECT global_lock FROM engine_settings) AS engine_locked
    FROM processes p
   WHERE p.process_id = $1`;

const updateProcessSql = (extraSet = '') => `
  UPDATE processes
     SET status = $3, version = version + 1, step_index = $4, state = $5::jsonb, last_step = $6, attempt = $7,
         next_retry_at = $8, failed_reason = $9, traceback = $10, last_modified_at = clock_timestamp()${extraSet}
   WHERE process_id = $1 AND version = $2
  RETURNING process_id, version`;
const UPDATE_PROCESS_SQL = updateProcessSql();

/** The step rows of a write, passed as one JSON array parameter, in order (r.n). */
const STEP_ROWS_FROM = `ROWS FROM (jsonb_to_recordset($11::jsonb)
    AS (name text, status text, error jsonb, created_by text, started_at timestamptz, completed_at timestamptz))
  WITH ORDINALITY AS r(name, status, error, created_by, started_at, completed_at, n)`;

// When the version moved on (abort, resume), nothing is updated and orchestrator_fenced() raises, so
// that the COMMIT sent right behind the statement rolls the whole step back.
const FENCE = `SELECT CASE WHEN EXISTS (SELECT 1 FROM updated) THEN 1 ELSE orchestrator_fenced() END AS applied`;

// Every row a step writes carries the process's new state, so the state travels once ($5).
const COMMIT_STEP_SQL = `
  WITH updated AS (${UPDATE_PROCESS_SQL}),
  inserted AS (
    INSERT INTO process_steps (process_id, name, status, state, error, created_by, started_at, completed_at)
    SELECT updated.process_id, r.name, r.status, $5::jsonb, r.error, r.created_by, r.started_at, r.completed_at
      FROM updated, ${STEP_ROWS_FROM}
     ORDER BY r.n
    RETURNING 1)
  ${FENCE}`;

// A step that leaves the process waiting for the outside world: an input step sets who should answer
// ($12), a callback step issues its token ($13, its SHA-256: the token itself never leaves the worker)
// that expires $14 ms from now on the database's clock, bound to the version the process now has.
const COMMIT_WAIT_SQL = `
  WITH updated AS (${updateProcessSql(', assignee = COALESCE($12, assignee)')}),
  inserted AS (
    INSERT INTO process_steps (process_id, name, status, state, error, created_by, started_at, completed_at)
    SELECT updated.process_id, r.name, r.status, $5::jsonb, r.error, r.created_by, r.started_at, r.completed_at
      FROM updated, ${STEP_ROWS_FROM}
     ORDER BY r.n
    RETURNING 1),
  issued AS (
    INSERT INTO callback_tokens (token_hash, process_id, step_index, version, expires_at)
    SELECT $13::bytea, updated.process_id, $4, updated.version,
           clock_timestamp() + $14::integer * interval '1 millisecond'
      FROM updated
     WHERE $13::bytea IS NOT NULL
    RETURNING 1)
  ${FENCE}`;

// A failure identical to the latest row (same step, status and message) folds into it when $12 allows:
// retries + 1. Otherwise the failure row is inserted.
const FAIL_STEP_SQL = `
  WITH updated AS (${UPDATE_PROCESS_SQL}),
  failure AS (SELECT * FROM ${STEP_ROWS_FROM} WHERE r.n = 1),
  latest AS (
    SELECT step_id, name, status, error ->> 'message' AS message
      FROM process_steps WHERE process_id = $1 ORDER BY seq DESC LIMIT 1),
  folded AS (
    UPDATE process_steps s
       SET retries = s.retries + 1, completed_at = failure.completed_at, error = failure.error
      FROM updated, latest, failure
     WHERE $12 AND s.step_id = latest.step_id AND latest.name = failure.name AND latest.status = failure.status
       AND latest.message = failure.error ->> 'message'
    RETURNING s.step_id),
  inserted AS (
    INSERT INTO process_steps (process_id, name, status, state, error, created_by, started_at, completed_at)
    SELECT updated.process_id, failure.name, failure.status, $5::jsonb, failure.error, failure.created_by,
           failure.started_at, failure.completed_at
      FROM updated, failure
     WHERE NOT EXISTS (SELECT 1 FROM folded)
    RETURNING 1)
  ${FENCE}`;

interface SnapshotRow {
  workflow_name: string;
  status: ProcessStatus;
  version: number;
  step_index: number;
  state: Record<string, unknown>;
  attempt: number;
  is_task: boolean;
  actor: string;
  engine_locked: boolean | null;
}

/** The engine's StepStore on PostgreSQL: one transaction per step, two socket writes on the hot path. */
export class PostgresStepStore implements StepStore {
  constructor(
    private readonly dataSource: DataSource,
    /** The products whose schemas `ctx.subscriptions` validates subscription data against. */
    readonly products: ProductRegistry = new ProductRegistry(),
  ) {}

  async openStep(processId: string): Promise<OpenedStep | 'missing' | 'busy'> {
    const transaction = await StepTransaction.open(this.dataSource.createQueryRunner());
    try {
      // Named statements are planned once per connection: the hot path is CPU-bound.
      const { locked, read } = await transaction.begin<{ acquired: boolean }, SnapshotRow>(
        { name: 'orchestrator_step_lock', text: LOCK_SQL, values: [processId] },
        { name: 'orchestrator_step_read', text: READ_SQL, values: [processId] },
      );
      const row = read[0];
      if (!row || !locked[0]?.acquired) {
        await transaction.rollback();
        await transaction.release();
        return row ? 'busy' : 'missing';
      }
      return new PostgresOpenedStep(transaction, toSnapshot(processId, row), this);
    } catch (error) {
      await transaction.rollback().catch(() => undefined);
      await transaction.release();
      throw error;
    }
  }

  /** One statement, so atomic on its own; a failure whose error cannot be stored is recorded plainer. */
  async recordFailure(write: ProcessWrite): Promise<boolean> {
    const attempt = (w: ProcessWrite) => this.dataSource.query(FAIL_STEP_SQL, failParams(w));
    return recordWithFallback(write, async (w) => {
      try {
        await attempt(w);
        return true;
      } catch (error) {
        if ((error as { code?: string }).code === FENCED_SQLSTATE) return false;
        throw error;
      }
    });
  }
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

  async commit(write: ProcessWrite): Promise<boolean> {
    const waits = write.assignee !== null || write.callback !== null;
    try {
      return await this.transaction.commitWith(
        waits
          ? { name: 'orchestrator_commit_wait', text: COMMIT_WAIT_SQL, values: waitParams(write) }
          : { name: 'orchestrator_commit_step', text: COMMIT_STEP_SQL, values: stepParams(write) },
      );
    } finally {
      await this.transaction.rollback().catch(() => undefined);
      await this.transaction.release();
    }
  }

  async fail(write: ProcessWrite): Promise<boolean> {
    try {
      return await this.transaction.failWith({
        name: 'orchestrator_fail_step',
        text: FAIL_STEP_SQL,
        values: failParams(write),
      });
    } catch (error) {
      if (!isDataException(error)) throw error;
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
}

/**
 * A data exception (SQLSTATE class 22) means the error itself cannot be stored: record a plainer one
 * rather than leave the failure unrecorded and the step re-run forever.
 */
async function recordWithFallback(
  write: ProcessWrite,
  record: (write: ProcessWrite) => Promise<boolean>,
): Promise<boolean> {
  try {
    return await record(write);
  } catch (error) {
    if (!isDataException(error)) throw error;
    const reason = `the step failed, and its error could not be stored (${String((error as Error).message)})`;
    return record({
      ...write,
      failedReason: reason,
      traceback: null,
      rows: write.rows.map((row) => ({ ...row, error: { class: 'UnstorableError', message: reason, stack: null } })),
    });
  }
}

function isDataException(error: unknown): boolean {
  return String((error as { code?: unknown }).code ?? '').startsWith('22');
}

function stepParams(write: ProcessWrite): unknown[] {
  return [
    write.processId,
    write.expectedVersion,
    write.status,
    write.stepIndex,
    JSON.stringify(write.state),
    write.lastStep,
    write.attempt,
    write.nextRetryAt,
    write.failedReason,
    write.traceback,
    JSON.stringify(
      write.rows.map((row) => ({
        name: row.name,
        status: row.status,
        error: row.error,
        created_by: row.createdBy,
        started_at: row.startedAt,
        completed_at: row.completedAt,
      })),
    ),
  ];
}

function waitParams(write: ProcessWrite): unknown[] {
  const { callback } = write;
  return [
    ...stepParams(write),
    write.assignee,
    callback ? hashCallbackToken(callback.token) : null,
    callback?.timeoutMs ?? null,
  ];
}

function failParams(write: ProcessWrite): unknown[] {
  return [...stepParams(write), write.foldRepeatedFailure];
}

function toSnapshot(processId: string, row: SnapshotRow): ProcessSnapshot {
  return {
    processId,
    workflowName: row.workflow_name,
    status: row.status,
    version: row.version,
    stepIndex: row.step_index,
    state: row.state,
    attempt: row.attempt,
    isTask: row.is_task,
    actor: row.actor,
    engineLocked: row.engine_locked === true,
  };
}
