// running ── inputStep reached ──▶ suspended; running ── callbackStep's action done ──▶ awaiting_callback.
// Values: step-write-values.ts (waitWriteValues). An input step sets who should answer ($12); a callback step
// issues its token ($13, its SHA-256) that expires $14 ms from now on the database's clock, bound to the
// version the process now has (resume, abort and time-out bump it and so void the token). Fenced like
// commit-step.ts.
export const COMMIT_WAIT = {
  name: 'orchestrator_commit_wait',
  text: `
  WITH updated AS (
    UPDATE processes
       SET status = $3, version = version + 1, step_index = $4, state = $5::jsonb, last_step = $6,
           failed_attempts = $7, next_retry_at = $8, failed_reason = $9, traceback = $10,
           last_modified_at = clock_timestamp(), assignee = COALESCE($12, assignee)
     WHERE process_id = $1 AND version = $2
    RETURNING process_id, version, last_modified_at
  ), inserted AS (
    INSERT INTO process_steps (process_id, name, status, state, error, created_by, started_at, completed_at)
    SELECT updated.process_id, r.name, r.status, $5::jsonb, r.error, r.created_by, r.started_at, r.completed_at
      FROM updated,
           ROWS FROM (jsonb_to_recordset($11::jsonb) AS (name text, status text, error jsonb, created_by text,
                                                         started_at timestamptz, completed_at timestamptz))
           WITH ORDINALITY AS r(name, status, error, created_by, started_at, completed_at, n)
     ORDER BY r.n
    RETURNING 1
  ), issued AS (
    INSERT INTO callback_tokens (token_hash, process_id, step_index, version, expires_at)
    SELECT $13::bytea, updated.process_id, $4, updated.version,
           clock_timestamp() + $14::integer * interval '1 millisecond'
      FROM updated
     WHERE $13::bytea IS NOT NULL
    RETURNING 1
  )
  SELECT CASE WHEN EXISTS (SELECT 1 FROM updated) THEN 1 ELSE orchestrator_fenced() END AS applied,
         (SELECT last_modified_at FROM updated) AS modified_at`,
};
