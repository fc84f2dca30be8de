// running | waiting ── step fails ──▶ failed | inconsistent_data | api_unavailable; retryStep fails with
// attempts left ──▶ waiting. Values: step-write-values.ts (failWriteValues). The failure row carries the state
// of the last successful step ($5). A failure identical to the latest row (same step, status and message)
// folds into it when $12 allows: retries + 1. Fenced like commit-step.ts.
export const FAIL_STEP = {
  name: 'orchestrator_fail_step',
  text: `
  WITH updated AS (
    UPDATE processes
       SET status = $3, version = version + 1, step_index = $4, state = $5::jsonb, last_step = $6,
           failed_attempts = $7, next_retry_at = $8, failed_reason = $9, traceback = $10,
           last_modified_at = clock_timestamp()
     WHERE process_id = $1 AND version = $2
    RETURNING process_id, version, last_modified_at
  ), failure AS (
    SELECT *
      FROM ROWS FROM (jsonb_to_recordset($11::jsonb) AS (name text, status text, error jsonb, created_by text,
                                                         started_at timestamptz, completed_at timestamptz))
           WITH ORDINALITY AS r(name, status, error, created_by, started_at, completed_at, n)
     WHERE r.n = 1
  ), latest AS (
    SELECT step_id, name, status, error ->> 'message' AS message
      FROM process_steps WHERE process_id = $1 ORDER BY seq DESC LIMIT 1
  ), folded AS (
    UPDATE process_steps s
       SET retries = s.retries + 1, completed_at = failure.completed_at, error = failure.error
      FROM updated, latest, failure
     WHERE $12 AND s.step_id = latest.step_id AND latest.name = failure.name AND latest.status = failure.status
       AND latest.message = failure.error ->> 'message'
    RETURNING s.step_id
  ), inserted AS (
    INSERT INTO process_steps (process_id, name, status, state, error, created_by, started_at, completed_at)
    SELECT updated.process_id, failure.name, failure.status, $5::jsonb, failure.error, failure.created_by,
           failure.started_at, failure.completed_at
      FROM updated, failure
     WHERE NOT EXISTS (SELECT 1 FROM folded)
    RETURNING 1
  )
  SELECT CASE WHEN EXISTS (SELECT 1 FROM updated) THEN 1 ELSE orchestrator_fenced() END AS applied,
         (SELECT last_modified_at FROM updated) AS modified_at`,
};
