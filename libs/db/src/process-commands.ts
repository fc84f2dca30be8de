import { randomUUID } from 'node:crypto';
import type { PoolClient, QueryResultRow } from 'pg';
import type { DataSource } from 'typeorm';
import { processOfIdempotencyKey } from './idempotency-keys';
import { FINAL_STATUSES, RESUMABLE_STATUSES, type ProcessStatus, type State, type StepJob } from '@orchestrator/engine';

export interface StartProcessInput {
  workflowName: string;
  state: State;
  user: string;
  idempotencyKey?: string;
}

/** `created` false: the idempotency key was used before and `processId` is the original process. */
export interface StartedProcess {
  processId: string;
  version: number;
  created: boolean;
}

const RESUME_ALL_LOCK = [727_274, 2] as const;
const RESUME_ALL_STATUSES: ProcessStatus[] = ['failed', 'waiting', 'api_unavailable', 'inconsistent_data'];

export type CommandRefusal =
  { kind: 'not_found' } | { kind: 'invalid_status'; status: ProcessStatus } | { kind: 'not_a_task' };

// One statement, so one round trip and atomic: claim the idempotency key (if any), insert the process as
// `created` with its initial state, and record that state as the initial input. A key already taken by a
// committed start inserts nothing; a concurrent start with the same key waits on the key and then does
// the same, so duplicates create one process.
const START_SQL = `
  WITH claimed AS (
    INSERT INTO idempotency_keys (key, process_id)
    SELECT $5, $1 WHERE $5::text IS NOT NULL
    ON CONFLICT (key) DO NOTHING
    RETURNING key
  ), inserted AS (
    INSERT INTO processes (process_id, workflow_id, workflow_name, is_task, status, state, created_by, actor,
                           started_at, last_modified_at)
    SELECT $1, w.workflow_id, w.name, w.is_task, 'created', $3::jsonb, $4, $4,
           date_trunc('milliseconds', clock_timestamp()), clock_timestamp()
      FROM workflows w
     WHERE w.name = $2 AND ($5::text IS NULL OR EXISTS (SELECT 1 FROM claimed))
    RETURNING process_id
  ), initial_input AS (
    INSERT INTO input_states (process_id, input_type, state, created_by)
    SELECT process_id, 'initial_state', $3::jsonb, $4 FROM inserted
  )
  SELECT (SELECT process_id FROM inserted) AS process_id`;

/** Writes that the API makes to processes; each is one statement serialized on the process row. */
export class ProcessCommands {
  constructor(private readonly dataSource: DataSource) {}

  async start(input: StartProcessInput): Promise<StartedProcess> {
    const processId = randomUUID();
    const key = input.idempotencyKey ?? null;
    const rows = await this.namedQuery<{ process_id: string | null }>('orchestrator_start_process', START_SQL, [
      processId,
      input.workflowName,
      JSON.stringify(input.state),
      input.user,
      key,
    ]);
    if (rows[0]?.process_id) return { processId, version: 0, created: true };
    if (key === null) throw new Error(`workflow "${input.workflowName}" is not in the workflows table`);
    const original = await processOfIdempotencyKey(this.dataSource, key);
    if (!original) throw new Error(`idempotency key "${key}" was claimed but has no process`);
    return { processId: original, version: 0, created: false };
  }

  /** Resume (retry): moves the process to `resumed` and bumps its version so that older jobs die quietly. */
  async resume(
    processId: string,
    user: string,
    expectedVersion?: number,
  ): Promise<{ version: number } | CommandRefusal> {
    const [rows] = (await this.dataSource.query(
      `UPDATE processes
          SET status = 'resumed', version = version + 1, attempt = 0, next_retry_at = NULL, actor = $2,
              last_modified_at = now()
        WHERE process_id = $1 AND status = ANY($3::text[]) AND ($4::integer IS NULL OR version = $4)
        RETURNING version`,
      [processId, user, RESUMABLE_STATUSES, expectedVersion ?? null],
    )) as [{ version: number }[], number];
    const row = rows[0];
    return row ? { version: row.version } : this.refusal(processId);
  }

  /**
   * Resumes every task in failed, waiting, api_unavailable or inconsistent_data, and hands their jobs to
   * `enqueue`, all while holding a session advisory lock: a concurrent call gets `in_progress` instead of
   * doing the same work twice.
   */
  async resumeAllTasks(
    user: string,
    enqueue: (jobs: StepJob[]) => Promise<void>,
  ): Promise<{ count: number } | 'in_progress'> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      // The (int, int) form keeps this lock apart from the steps' execution locks (bigint keys).
      const [{ locked } = { locked: false }] = (await runner.query('SELECT pg_try_advisory_lock($1, $2) AS locked', [
        ...RESUME_ALL_LOCK,
      ])) as { locked: boolean }[];
      if (!locked) return 'in_progress';
      try {
        const [rows] = (await runner.query(
          `UPDATE processes
              SET status = 'resumed', version = version + 1, attempt = 0, next_retry_at = NULL, actor = $1,
                  last_modified_at = clock_timestamp()
            WHERE is_task AND status = ANY($2::text[])
            RETURNING process_id, version`,
          [user, RESUME_ALL_STATUSES],
        )) as [{ process_id: string; version: number }[], number];
        await enqueue(rows.map((row) => ({ processId: row.process_id, version: row.version })));
        return { count: rows.length };
      } finally {
        await runner.query('SELECT pg_advisory_unlock($1, $2)', [...RESUME_ALL_LOCK]);
      }
    } finally {
      await runner.release();
    }
  }

  /**
   * Abort: never waits for a running step (that step's commit is fenced out by the version bump) and
   * appends the `User Aborted` row carrying the last committed state.
   */
  async abort(processId: string, user: string): Promise<{ aborted: true } | CommandRefusal> {
    const rows = (await this.dataSource.query(
      `WITH aborted AS (
         UPDATE processes
            SET status = 'aborted', version = version + 1, last_step = 'User Aborted', next_retry_at = NULL,
                actor = $2, last_modified_at = now()
          WHERE process_id = $1 AND NOT (status = ANY($3::text[]))
          RETURNING process_id, state
       )
       INSERT INTO process_steps (process_id, name, status, state, created_by, started_at, completed_at)
       SELECT process_id, 'User Aborted', 'abort', state, $2, now(), now() FROM aborted
       RETURNING 1`,
      [processId, user, FINAL_STATUSES],
    )) as unknown[];
    return rows.length > 0 ? { aborted: true } : this.refusal(processId);
  }

  /** Deletes a finished task; workflow processes are audit records and stay. */
  async deleteTask(processId: string): Promise<{ deleted: true } | CommandRefusal> {
    const [, deleted] = (await this.dataSource.query(
      `DELETE FROM processes WHERE process_id = $1 AND is_task AND status = ANY($2::text[])`,
      [processId, FINAL_STATUSES],
    )) as [unknown, number];
    if (deleted) return { deleted: true };
    const found = await this.find(processId);
    if (!found) return { kind: 'not_found' };
    return found.is_task ? { kind: 'invalid_status', status: found.status } : { kind: 'not_a_task' };
  }

  /** A named statement is planned once per connection; starts are frequent enough to care. */
  private async namedQuery<R extends QueryResultRow>(name: string, text: string, values: unknown[]): Promise<R[]> {
    const runner = this.dataSource.createQueryRunner();
    try {
      const client = (await runner.connect()) as PoolClient;
      return (await client.query<R>({ name, text, values })).rows;
    } finally {
      await runner.release();
    }
  }

  private async refusal(processId: string): Promise<CommandRefusal> {
    const found = await this.find(processId);
    return found ? { kind: 'invalid_status', status: found.status } : { kind: 'not_found' };
  }

  private async find(processId: string): Promise<{ status: ProcessStatus; is_task: boolean } | undefined> {
    const rows = (await this.dataSource.query('SELECT status, is_task FROM processes WHERE process_id = $1', [
      processId,
    ])) as { status: ProcessStatus; is_task: boolean }[];
    return rows[0];
  }
}
