import type { DataSource, QueryRunner } from 'typeorm';
import type { OpenedStep, ProcessSnapshot, ProcessStatus, ProcessWrite, StepStore } from '@orchestrator/engine';
import { StepTransaction } from './step-transaction';

/** The step rows of a write, passed as one JSON array parameter, in order (r.n). */
function stepRowsFrom(param: string): string {
  return `ROWS FROM (jsonb_to_recordset(${param}::jsonb)
            AS (name text, status text, error jsonb, created_by text, started_at timestamptz, completed_at timestamptz))
          WITH ORDINALITY AS r(name, status, error, created_by, started_at, completed_at, n)`;
}

// One round trip: the process, the engine pause flag, and a transaction-scoped advisory lock that keeps a
// second executor of the same process out while this step runs. The lock is not the process row lock, so
// abort and resume never wait for a running step; they bump the version instead and the commit below is
// fenced on it.
const OPEN_STEP_SQL = `
  SELECT p.workflow_name, p.status, p.version, p.step_index, p.state, p.attempt, p.is_task, p.actor,
         (SELECT global_lock FROM engine_settings) AS engine_locked,
         pg_try_advisory_xact_lock(hashtextextended(p.process_id::text, 0)) AS acquired
    FROM processes p
   WHERE p.process_id = $1`;

const UPDATE_PROCESS_SQL = `
  UPDATE processes
     SET status = $3, version = version + 1, step_index = $4, state = $5::jsonb, last_step = $6, attempt = $7,
         next_retry_at = $8, failed_reason = $9, traceback = $10, last_modified_at = now()
   WHERE process_id = $1 AND version = $2`;

// Every row a step writes carries the process's new state, so the state travels once ($5). When the
// version moved on (abort, resume), nothing is updated and orchestrator_fenced() raises, so that the
// COMMIT sent right behind this statement rolls the whole step back.
const COMMIT_STEP_SQL = `
  WITH updated AS (${UPDATE_PROCESS_SQL} RETURNING process_id),
  inserted AS (
    INSERT INTO process_steps (process_id, name, status, state, error, created_by, started_at, completed_at)
    SELECT updated.process_id, r.name, r.status, $5::jsonb, r.error, r.created_by, r.started_at, r.completed_at
      FROM updated, ${stepRowsFrom('$11')}
     ORDER BY r.n
    RETURNING 1)
  SELECT CASE WHEN EXISTS (SELECT 1 FROM updated) THEN (SELECT count(*) FROM inserted) ELSE orchestrator_fenced() END AS inserted`;

// A failure identical to the latest row (same step, status and message) folds into it: retries + 1.
const FOLD_FAILURE_SQL = `
  UPDATE process_steps s
     SET retries = s.retries + 1, completed_at = $5, error = $6::jsonb
    FROM (SELECT step_id, name, status, error ->> 'message' AS message
            FROM process_steps WHERE process_id = $1 ORDER BY seq DESC LIMIT 1) last
   WHERE s.step_id = last.step_id AND last.name = $2 AND last.status = $3 AND last.message = $4`;

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
  acquired: boolean;
}

/** The engine's StepStore on PostgreSQL: one transaction per step on the hot path. */
export class PostgresStepStore implements StepStore {
  constructor(private readonly dataSource: DataSource) {}

  async openStep(processId: string): Promise<OpenedStep | 'missing' | 'busy'> {
    const transaction = await StepTransaction.open(this.dataSource.createQueryRunner());
    try {
      // Named statements are planned once per connection: the hot path is CPU-bound.
      const [row] = await transaction.begin<SnapshotRow>({
        name: 'orchestrator_open_step',
        text: OPEN_STEP_SQL,
        values: [processId],
      });
      if (!row || !row.acquired) {
        await transaction.rollback();
        await transaction.release();
        return row ? 'busy' : 'missing';
      }
      return new PostgresOpenedStep(transaction, toSnapshot(processId, row));
    } catch (error) {
      await transaction.rollback().catch(() => undefined);
      await transaction.release();
      throw error;
    }
  }

  async recordFailure(write: ProcessWrite): Promise<boolean> {
    try {
      return await this.recordFailureOnce(write);
    } catch (error) {
      // A data exception (class 22) means the error itself cannot be stored: record a plainer one rather
      // than leave the failure unrecorded and the step re-run forever.
      if (!String((error as { code?: unknown }).code ?? '').startsWith('22')) throw error;
      const reason = `the step failed, and its error could not be stored (${String((error as Error).message)})`;
      return this.recordFailureOnce({
        ...write,
        failedReason: reason,
        traceback: null,
        rows: write.rows.map((row) => ({ ...row, error: { class: 'UnstorableError', message: reason, stack: null } })),
      });
    }
  }

  private async recordFailureOnce(write: ProcessWrite): Promise<boolean> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      const [, updated] = (await runner.query(`${UPDATE_PROCESS_SQL} RETURNING 1`, processParams(write))) as [
        unknown,
        number,
      ];
      if (!updated) {
        await finish(runner, 'rollback');
        return false;
      }
      let folded = 0;
      const row = write.rows[0];
      if (row && write.foldRepeatedFailure) {
        [, folded] = (await runner.query(FOLD_FAILURE_SQL, [
          write.processId,
          row.name,
          row.status,
          row.error?.message ?? null,
          row.completedAt,
          JSON.stringify(row.error),
        ])) as [unknown, number];
      }
      if (!folded) await insertRows(runner, write);
      await finish(runner, 'commit');
      return true;
    } catch (error) {
      await finish(runner, 'rollback').catch(() => undefined);
      throw error;
    }
  }
}

class PostgresOpenedStep implements OpenedStep {
  constructor(
    private readonly transaction: StepTransaction,
    readonly process: ProcessSnapshot,
  ) {}

  get tx(): OpenedStep['tx'] {
    return this.transaction.runner.manager;
  }

  async commit(write: ProcessWrite): Promise<boolean> {
    try {
      return await this.transaction.commitWith({
        name: 'orchestrator_commit_step',
        text: COMMIT_STEP_SQL,
        values: [...processParams(write), rowsJson(write)],
      });
    } finally {
      await this.transaction.rollback().catch(() => undefined);
      await this.transaction.release();
    }
  }

  async rollback(): Promise<void> {
    try {
      await this.transaction.rollback();
    } finally {
      await this.transaction.release();
    }
  }
}

async function insertRows(runner: QueryRunner, write: ProcessWrite): Promise<void> {
  await runner.query(
    `INSERT INTO process_steps (process_id, name, status, state, error, created_by, started_at, completed_at)
     SELECT $1, r.name, r.status, $2::jsonb, r.error, r.created_by, r.started_at, r.completed_at
       FROM ${stepRowsFrom('$3')}
      ORDER BY r.n`,
    [write.processId, JSON.stringify(write.state), rowsJson(write)],
  );
}

async function finish(runner: QueryRunner, how: 'commit' | 'rollback'): Promise<void> {
  if (runner.isReleased) return;
  try {
    if (runner.isTransactionActive) {
      if (how === 'commit') await runner.commitTransaction();
      else await runner.rollbackTransaction();
    }
  } finally {
    await runner.release();
  }
}

function processParams(write: ProcessWrite): unknown[] {
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
  ];
}

function rowsJson(write: ProcessWrite): string {
  return JSON.stringify(
    write.rows.map((row) => ({
      name: row.name,
      status: row.status,
      error: row.error,
      created_by: row.createdBy,
      started_at: row.startedAt,
      completed_at: row.completedAt,
    })),
  );
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
