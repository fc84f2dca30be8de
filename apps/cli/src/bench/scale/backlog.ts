import { Client } from 'pg';
import { createRedisConnection, StepQueue } from '../orchestrator-packages/queue';

/** Who the backlog's processes are created by: how the bench finds (and later removes) them. */
export const BACKLOG_USER = 'bench-backlog';

/**
 * Inserts `count` processes of `workflow` as the API's start does (status `created`, the initial state
 * also as input state), last modified `staleForMs` ago so that the recovery sweeper sees every one of them
 * as a candidate at once. Its own connection, closed at the end, so that its statistics are flushed.
 */
export async function insertBacklog(
  databaseUrl: string,
  workflow: string,
  count: number,
  staleForMs: number,
): Promise<string[]> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const { rows } = await db.query<{ process_id: string }>(
      `WITH inserted AS (
         INSERT INTO processes (process_id, workflow_id, workflow_name, is_task, status, state, created_by, actor,
                                started_at, last_modified_at, workflow_version)
         SELECT gen_random_uuid(), w.workflow_id, w.name, w.is_task, 'created', '{"n": 0}'::jsonb, $3, $3,
                date_trunc('milliseconds', clock_timestamp()), now() - $4 * interval '1 millisecond', w.version
           FROM workflows w, generate_series(1, $2::int)
          WHERE w.name = $1
         RETURNING process_id, state, created_by
       ), initial_input AS (
         INSERT INTO input_states (process_id, input_type, state, created_by)
         SELECT process_id, 'initial_state', state, created_by FROM inserted
       )
       SELECT process_id FROM inserted`,
      [workflow, count, BACKLOG_USER, staleForMs],
    );
    return rows.map((row) => row.process_id);
  } finally {
    await db.end();
  }
}

/** One job per process through the queue package's producer, as the API enqueues a start. */
export async function enqueueBacklog(redisUrl: string, prefix: string, processIds: readonly string[]): Promise<void> {
  const connection = createRedisConnection(redisUrl, 'orchestrator-bench-backlog');
  const queue = new StepQueue({ connection, prefix });
  try {
    let next = 0;
    const lane = async () => {
      while (next < processIds.length) {
        const processId = processIds[next++] as string;
        await queue.schedule({ processId, version: 0 }, 0);
      }
    };
    await Promise.all(Array.from({ length: 64 }, lane));
  } finally {
    await queue.close();
    await connection.quit();
  }
}

/** Deletes a previous run's backlog (its steps and input states go with it). */
export async function removeBacklog(db: Client): Promise<number> {
  const { rowCount } = await db.query(`DELETE FROM processes WHERE created_by = $1`, [BACKLOG_USER]);
  if (rowCount) await db.query(`VACUUM (ANALYZE) processes, process_steps, input_states`);
  return rowCount ?? 0;
}

/** Backlog processes not completed yet, by status. */
export async function backlogRemaining(db: Client): Promise<Record<string, number>> {
  const { rows } = await db.query<{ status: string; n: number }>(
    `SELECT status, count(*)::int AS n FROM processes WHERE created_by = $1 AND status <> 'completed' GROUP BY status`,
    [BACKLOG_USER],
  );
  return Object.fromEntries(rows.map((row) => [row.status, row.n]));
}

/** When the backlog's first step started and its last one completed, and how many step rows it wrote. */
export async function backlogSpan(db: Client): Promise<{ seconds: number; stepRows: number }> {
  const { rows } = await db.query<{ first: Date; last: Date; n: number }>(
    `SELECT min(s.started_at) AS first, max(s.completed_at) AS last, count(*)::int AS n
       FROM processes p JOIN process_steps s USING (process_id)
      WHERE p.created_by = $1`,
    [BACKLOG_USER],
  );
  const row = rows[0];
  return {
    seconds: row?.first && row.last ? (row.last.getTime() - row.first.getTime()) / 1000 : Number.NaN,
    stepRows: row?.n ?? 0,
  };
}
