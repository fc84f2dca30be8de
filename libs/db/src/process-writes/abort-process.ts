import { FINAL_STATUSES } from '@orchestrator/engine';
import { auditParameters, type Audit } from '../audit/audit';
import type { Queryable } from '../queryable';
import { refusalOf, type CommandRefusal } from './command-outcomes';

// non-final ── abort ──▶ aborted. Never waits for a running step: the version bump fences that step's commit
// out. Appends the `User Aborted` row carrying the last committed state, and the audit row when $5 (the
// action) is given: the `audited` CTE is how a one-statement writer carries its audit row (see audit.ts).
const ABORT_PROCESS_SQL = `
  WITH aborted AS (
    UPDATE processes
       SET status = 'aborted', version = version + 1, last_step = 'User Aborted', next_retry_at = NULL,
           actor = $2, last_modified_at = clock_timestamp()
     WHERE process_id = $1 AND NOT (status = ANY($3::text[]))
    RETURNING process_id, state
  ), audited AS (
    INSERT INTO audit_events (actor, action, target_type, target_id, outcome, details)
    SELECT $4, $5, 'process', process_id::text, 'allowed', $6::jsonb FROM aborted WHERE $5::text IS NOT NULL
  )
  INSERT INTO process_steps (process_id, name, status, state, created_by, started_at, completed_at)
  SELECT process_id, 'User Aborted', 'abort', state, $2, clock_timestamp(), clock_timestamp() FROM aborted
  RETURNING 1`;

export async function abortProcess(
  db: Queryable,
  processId: string,
  actor: string,
  audit: Audit | null,
): Promise<{ readonly kind: 'aborted' } | CommandRefusal> {
  const rows = (await db.query(ABORT_PROCESS_SQL, [
    processId,
    actor,
    FINAL_STATUSES,
    ...auditParameters(audit),
  ])) as unknown[];
  return rows.length > 0 ? { kind: 'aborted' } : refusalOf(db, processId);
}
