// running ── step success or skipped ──▶ running | completed; and abortStep ──▶ aborted.
// Values: step-write-values.ts. Every row a step writes carries the process's new state, so the state
// travels once ($5). When the version moved on (abort, resume), nothing is updated and orchestrator_fenced()
// raises SQLSTATE OF001, so that the COMMIT sent right behind the statement rolls the whole step back.
export const COMMIT_STEP = {
  name: 'orchestrator_commit_step',
  text: `
  WITH updated AS (
    UPDATE processes
       SET status = $3, version = version + 1, step_index = $4, state = $5::jsonb, last_step = $6,
           failed_attempts = $7, next_retry_at = $8, failed_reason = $9, traceback = $10,
           last_modified_at = clock_timestamp()
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
  )
  SELECT CASE WHEN EXISTS (SELECT 1 FROM updated) THEN 1 ELSE orchestrator_fenced() END AS applied,
         (SELECT last_modified_at FROM updated) AS modified_at`,
};
