import { FINAL_STATUSES, type StepRequest } from '@orchestrator/engine';
import { auditParameters, type Audit } from '../audit/audit';
import type { Queryable } from '../queryable';
import { refusalOf, type CommandRefusal } from './command-outcomes';

// non-final ── abort ──▶ aborted. Never waits for a running step: the version bump fences that step's commit
// out. Appends the `User Aborted` row carrying the last committed state, and the audit row when $5 (the
// action) is given: the `audited` CTE is how a one-statement writer carries its audit row (see audit.ts).
// Sub-workflows (ENGINE.md 14.2): the process's unfinished descendants are aborted with it (each with its
// row), and a parent waiting for the aborted process at its sub-workflow step wakes (wake-parent.ts), so
// that its step fails naming the aborted child.
const ABORT_PROCESS_SQL = `
  WITH RECURSIVE tree AS (
    SELECT process_id FROM processes WHERE process_id = $1 AND NOT (status = ANY($3::text[]))
    UNION
    SELECT c.process_id FROM processes c JOIN tree t ON c.parent_id = t.process_id
  ), aborted AS (
    UPDATE processes
       SET status = 'aborted', version = version + 1, last_step = 'User Aborted', next_retry_at = NULL,
           actor = $2, last_modified_at = clock_timestamp()
     WHERE process_id IN (SELECT process_id FROM tree) AND NOT (status = ANY($3::text[]))
    RETURNING process_id, state
  ), woken AS (
    UPDATE processes p
       SET status = 'running', version = p.version + 1, next_retry_at = NULL, failed_reason = NULL,
           last_modified_at = clock_timestamp()
      FROM processes c
     WHERE c.process_id = $1 AND p.process_id = c.parent_id AND p.status = 'waiting' AND p.next_retry_at IS NULL
       AND p.step_index = c.parent_step_index AND EXISTS (SELECT 1 FROM aborted WHERE process_id = $1)
    RETURNING p.process_id, p.version
  ), audited AS (
    INSERT INTO audit_events (actor, action, target_type, target_id, outcome, details)
    SELECT $4, $5, 'process', process_id::text, 'allowed', $6::jsonb FROM aborted
     WHERE $5::text IS NOT NULL AND process_id = $1
  ), logged AS (
    INSERT INTO process_steps (process_id, name, status, state, created_by, started_at, completed_at)
    SELECT process_id, 'User Aborted', 'abort', state, $2, clock_timestamp(), clock_timestamp() FROM aborted
    RETURNING process_id
  )
  SELECT (SELECT process_id FROM woken) AS woken_id, (SELECT version FROM woken) AS woken_version
    FROM logged WHERE process_id = $1`;

export async function abortProcess(
  db: Queryable,
  processId: string,
  actor: string,
  audit: Audit | null,
): Promise<{ readonly kind: 'aborted'; readonly woken?: StepRequest } | CommandRefusal> {
  const rows = await abortStatement(db, [processId, actor, FINAL_STATUSES, ...auditParameters(audit)]);
  const row = rows[0];
  if (!row) return refusalOf(db, processId);
  return row.woken_id !== null && row.woken_version !== null
    ? { kind: 'aborted', woken: { processId: row.woken_id, version: row.woken_version } }
    : { kind: 'aborted' };
}

const DEADLOCK_SQLSTATE = '40P01';
const DEADLOCK_ATTEMPTS = 3;

/**
 * The statement, run again when PostgreSQL broke a deadlock by ending it: it locks a parent before its
 * children, while a child's final commit locks the child, then wakes its parent. One statement, so a
 * retry is the whole abort again, with nothing of the ended attempt left.
 */
async function abortStatement(
  db: Queryable,
  values: unknown[],
): Promise<{ woken_id: string | null; woken_version: number | null }[]> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return (await db.query(ABORT_PROCESS_SQL, values)) as { woken_id: string | null; woken_version: number | null }[];
    } catch (error) {
      if ((error as { code?: string }).code !== DEADLOCK_SQLSTATE || attempt >= DEADLOCK_ATTEMPTS) throw error;
    }
  }
}
