import type { StepRequest } from '@orchestrator/engine';
import type { Queryable } from '../queryable';

// awaiting_callback ── its token expired (task_timeout_callbacks) ──▶ failed ("Callback timed out"). It starts
// from the processes awaiting a callback (an index on status), so past tokens never slow it down. A callback
// being delivered right now holds the row: skip it. A retry runs the action again with a new token. A parent
// waiting for a timed-out child at its sub-workflow step wakes, as in wake-parent.ts.
const TIME_OUT_CALLBACKS_SQL = `
  WITH expired AS (
    SELECT p.process_id
      FROM processes p JOIN callback_tokens t ON t.process_id = p.process_id AND t.version = p.version
     WHERE p.status = 'awaiting_callback' AND t.consumed_at IS NULL AND t.expires_at <= clock_timestamp()
       FOR UPDATE OF p SKIP LOCKED
  ), failed AS (
    UPDATE processes p
       SET status = 'failed', version = p.version + 1, failed_reason = 'Callback timed out', traceback = NULL,
           last_modified_at = clock_timestamp()
      FROM expired
     WHERE p.process_id = expired.process_id
    RETURNING p.process_id, p.state, p.last_step
  ), woken AS (
    UPDATE processes p
       SET status = 'running', version = p.version + 1, next_retry_at = NULL, failed_reason = NULL,
           last_modified_at = clock_timestamp()
      FROM processes c JOIN failed f ON f.process_id = c.process_id
     WHERE p.process_id = c.parent_id AND p.status = 'waiting' AND p.next_retry_at IS NULL
       AND p.step_index = c.parent_step_index
    RETURNING p.process_id, p.version
  ), logged AS (
    INSERT INTO process_steps (process_id, name, status, state, error, created_by, started_at, completed_at)
    SELECT process_id, last_step, 'failed', state,
           jsonb_build_object('class', 'CallbackTimeoutError', 'message', 'Callback timed out', 'stack', NULL),
           $1, clock_timestamp(), clock_timestamp()
      FROM failed
    RETURNING process_id
  )
  SELECT process_id, NULL::integer AS woken_version FROM logged
  UNION ALL
  SELECT process_id, version FROM woken`;

/**
 * Fails every process whose callback token expired (`timedOut`, their ids; `actor` is logged on the rows),
 * and wakes the parents waiting for such a child at their sub-workflow step (`woken`: request their steps).
 */
export async function timeOutCallbacks(
  db: Queryable,
  actor: string,
): Promise<{ timedOut: string[]; woken: StepRequest[] }> {
  const rows = (await db.query(TIME_OUT_CALLBACKS_SQL, [actor])) as {
    process_id: string;
    woken_version: number | null;
  }[];
  return {
    timedOut: rows.filter((row) => row.woken_version === null).map((row) => row.process_id),
    woken: rows.flatMap((row) =>
      row.woken_version === null ? [] : [{ processId: row.process_id, version: row.woken_version }],
    ),
  };
}
