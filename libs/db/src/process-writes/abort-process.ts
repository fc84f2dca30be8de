import { FINAL_STATUSES } from '@orchestrator/engine';
import type { Queryable } from '../queryable';
import { refusalOf, type CommandRefusal } from './command-outcomes';

// non-final ── abort ──▶ aborted. Never waits for a running step: the version bump fences that step's commit
// out. Appends the `User Aborted` row carrying the last committed state.
const ABORT_PROCESS_SQL = `
  WITH aborted AS (
    UPDATE processes
       SET status = 'aborted', version = version + 1, last_step = 'User Aborted', next_retry_at = NULL,
           actor = $2, last_modified_at = clock_timestamp()
     WHERE process_id = $1 AND NOT (status = ANY($3::text[]))
    RETURNING process_id, state
  )
  INSERT INTO process_steps (process_id, name, status, state, created_by, started_at, completed_at)
  SELECT process_id, 'User Aborted', 'abort', state, $2, clock_timestamp(), clock_timestamp() FROM aborted
  RETURNING 1`;

export async function abortProcess(
  db: Queryable,
  processId: string,
  actor: string,
): Promise<{ readonly kind: 'aborted' } | CommandRefusal> {
  const rows = (await db.query(ABORT_PROCESS_SQL, [processId, actor, FINAL_STATUSES])) as unknown[];
  return rows.length > 0 ? { kind: 'aborted' } : refusalOf(db, processId);
}
