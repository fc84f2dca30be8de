import type { StepRequest } from '@orchestrator/engine';
import type { ProcessRow } from './entities';
import type { Queryable } from './queryable';

interface CandidateRow {
  process_id: ProcessRow['processId'];
  version: ProcessRow['version'];
}

// Constants, never input: the branches are spelt from them.
const RUNNABLE_STATUSES = ['created', 'running', 'resumed'] as const;

const runnableBranch = (status: (typeof RUNNABLE_STATUSES)[number]) => `
        (SELECT process_id, version FROM processes
          WHERE status = '${status}' AND last_modified_at < now() - $1 * interval '1 millisecond'
            AND ($2::uuid IS NULL OR process_id > $2::uuid)
          ORDER BY process_id LIMIT $3)`;

const RECOVERY_CANDIDATES = `SELECT process_id, version FROM (${RUNNABLE_STATUSES.map(runnableBranch).join(`
        UNION ALL`)}
        UNION ALL
        (SELECT process_id, version FROM processes
          WHERE status = 'waiting' AND next_retry_at <= now()
            AND ($2::uuid IS NULL OR process_id > $2::uuid)
          ORDER BY process_id LIMIT $3)
      ) AS candidates
      WHERE NOT coalesce((SELECT global_lock FROM engine_settings), false)
      ORDER BY process_id
      LIMIT $3`;

/**
 * Processes that should have a live step request in the queue: runnable ones untouched for `staleAfterMs`,
 * and waiting ones whose retry is due. Nothing while the engine is paused. Paged by process id so that a
 * large backlog is walked in bounded batches.
 *
 * One branch per status, each taking its first `limit` rows after the cursor in process id order (the
 * runnable ones from `processes_status_sort_idx (status, process_id)`, the due retries from
 * `processes_waiting_retry_idx`), merged under the LIMIT: a page reads a few times `limit` rows whatever the
 * backlog, so a turn is linear in the candidates. (One `status = ANY(...)` scan returns rows in status order,
 * and every page sorted all the remaining runnable processes: a turn was quadratic in the backlog.)
 */
export async function findRecoveryCandidates(
  db: Queryable,
  options: { staleAfterMs: number; afterProcessId: string | null; limit: number },
): Promise<StepRequest[]> {
  const rows = (await db.query(RECOVERY_CANDIDATES, [
    options.staleAfterMs,
    options.afterProcessId,
    options.limit,
  ])) as CandidateRow[];
  return rows.map((row) => ({ processId: row.process_id, version: row.version }));
}

/**
 * Of the given step requests, those whose process is still at that version (every change of a process bumps
 * it) and has no step running. The sweeper asks this of the jobs it found missing: a job that finished
 * between its read of PostgreSQL and its look at Redis took the process to a newer version, and needs
 * nothing; a step that a worker chained (apps/worker step-chain.ts) has no job of its own but holds the
 * process's execution lock (libs/db step-store.ts), which pg_locks shows as the advisory lock of that key.
 */
export async function findUnchangedProcesses(db: Queryable, requests: readonly StepRequest[]): Promise<StepRequest[]> {
  if (requests.length === 0) return [];
  const rows = (await db.query(
    `SELECT p.process_id, p.version
       FROM unnest($1::uuid[], $2::int[]) AS r(process_id, version)
       JOIN processes p ON p.process_id = r.process_id AND p.version = r.version
       CROSS JOIN LATERAL (SELECT hashtextextended(p.process_id::text, 0) AS key) AS lock
      WHERE NOT EXISTS (
              SELECT 1 FROM pg_locks l
               WHERE l.locktype = 'advisory' AND l.objsubid = 1 AND l.granted
                 AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
                 AND l.classid = ((lock.key >> 32) & 4294967295)::oid AND l.objid = (lock.key & 4294967295)::oid)`,
    [requests.map((request) => request.processId), requests.map((request) => request.version)],
  )) as CandidateRow[];
  return rows.map((row) => ({ processId: row.process_id, version: row.version }));
}

/** Waiting processes whose retry backoff has passed, the most overdue first (task_resume_workflows). */
export async function findDueWaitingProcesses(db: Queryable, limit: number): Promise<StepRequest[]> {
  const rows = (await db.query(
    `SELECT process_id, version FROM processes
      WHERE status = 'waiting' AND next_retry_at <= clock_timestamp()
      ORDER BY next_retry_at LIMIT $1`,
    [limit],
  )) as CandidateRow[];
  return rows.map((row) => ({ processId: row.process_id, version: row.version }));
}
