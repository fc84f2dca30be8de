import type { StepRequest } from '@orchestrator/engine';
import type { ProcessRow } from './entities';
import type { Queryable } from './queryable';

interface CandidateRow {
  process_id: ProcessRow['processId'];
  version: ProcessRow['version'];
}

/**
 * Processes that should have a live step request in the queue: runnable ones untouched for `staleAfterMs`,
 * and waiting ones whose retry is due. Nothing while the engine is paused. Paged by process id so that a
 * large backlog is walked in bounded batches.
 */
export async function findRecoveryCandidates(
  db: Queryable,
  options: { staleAfterMs: number; afterProcessId: string | null; limit: number },
): Promise<StepRequest[]> {
  const rows = (await db.query(
    `SELECT process_id, version FROM processes
      WHERE ((status = ANY('{created,running,resumed}'::text[]) AND last_modified_at < now() - $1 * interval '1 millisecond')
             OR (status = 'waiting' AND next_retry_at <= now()))
        AND NOT coalesce((SELECT global_lock FROM engine_settings), false)
        AND ($2::uuid IS NULL OR process_id > $2::uuid)
      ORDER BY process_id
      LIMIT $3`,
    [options.staleAfterMs, options.afterProcessId, options.limit],
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
