// The set-based statements of the scale seed (seed-database.ts runs them). Every process gets a workflow
// (skewed: a few workflows are most of the history, about a fifth are tasks), a status, a step count around
// the requested average, dates spread over two years, and step rows consistent with its status.

/** Workflows with a cumulative probability range [lo, hi) each; $1 = [{name, steps}] from GET /api/workflows. */
export const SEED_WORKFLOWS_SQL = `
  CREATE TEMP TABLE seed_workflows AS
  WITH w AS (
    SELECT w.workflow_id, w.name, w.is_task, w.target, coalesce(x.steps, '[]'::jsonb) AS steps,
           row_number() OVER (PARTITION BY w.is_task ORDER BY w.name) AS rank
      FROM workflows w LEFT JOIN jsonb_to_recordset($1::jsonb) AS x(name text, steps jsonb) USING (name)
     WHERE w.deleted_at IS NULL AND w.name NOT LIKE 'bench\\_%'
  ), weighted AS (
    SELECT *, (CASE WHEN is_task THEN 0.2 ELSE 0.8 END) / rank
              / sum(1.0 / rank) OVER (PARTITION BY is_task) AS weight
      FROM w
  ), ranged AS (
    SELECT *, sum(weight) OVER (ORDER BY is_task, rank) AS upto, sum(weight) OVER () AS total FROM weighted
  )
  SELECT workflow_id, name, is_task, target, steps, (upto - weight) / total AS lo, upto / total AS hi FROM ranged`;

/** A few subscriptions of one product ($1 its id, $2 how many), numbered n for linking. */
export const SEED_SUBSCRIPTIONS_SQL = `
  CREATE TEMP TABLE seed_subscriptions AS
  WITH inserted AS (
    INSERT INTO subscriptions (product_id, customer_id, description, status, insync, start_date, version, data,
                               created_at)
    SELECT $1, 'cust-' || (n % 200), 'node ams-core-' || n, CASE WHEN n % 20 = 0 THEN 'terminated' ELSE 'active' END,
           n % 25 <> 0, now() - n * interval '1 hour', 1 + n % 7,
           jsonb_build_object('hostname', 'ams-core-' || n, 'role', 'core', 'site', 'ams',
                              'loopbackAddress', '10.254.' || (n / 250) || '.' || (n % 250)),
           date_trunc('milliseconds', now() - n * interval '1 hour')
      FROM generate_series(1, $2::int) AS n
    RETURNING subscription_id, created_at
  )
  SELECT row_number() OVER (ORDER BY created_at, subscription_id) - 1 AS n, subscription_id FROM inserted`;

/**
 * One chunk of processes, i in [$1, $2] of $3 in all (older first), with $4..$5 steps each (uniform, so the
 * mean is the requested average). The random draws are made once per process here and reused below.
 */
export const SEED_CHUNK_SQL = `
  CREATE TEMP TABLE seed_chunk AS
  SELECT gen_random_uuid() AS process_id, r.i, w.workflow_id, w.name AS workflow_name, w.is_task, w.steps,
         CASE WHEN w.is_task THEN
                CASE WHEN r.r_status < 0.90 THEN 'completed' WHEN r.r_status < 0.94 THEN 'failed'
                     WHEN r.r_status < 0.96 THEN 'api_unavailable' WHEN r.r_status < 0.98 THEN 'inconsistent_data'
                     ELSE 'waiting' END
              ELSE
                CASE WHEN r.r_status < 0.88 THEN 'completed' WHEN r.r_status < 0.92 THEN 'failed'
                     WHEN r.r_status < 0.95 THEN 'aborted' WHEN r.r_status < 0.97 THEN 'suspended'
                     WHEN r.r_status < 0.98 THEN 'waiting' ELSE 'awaiting_callback' END
         END AS status,
         $4::int + floor(r.r_steps * ($5::int - $4::int + 1))::int AS n_steps,
         date_trunc('milliseconds', now() - ($3::int - r.i) * (730 * 86400.0 / $3::int) * interval '1 second'
                                          - r.r_time * interval '1 hour') AS started_at,
         r.r_gap * interval '30 seconds' + interval '20 milliseconds' AS step_gap,
         (ARRAY['SYSTEM', 'SYSTEM', 'SYSTEM', 'SYSTEM', 'alice', 'bob', 'noc-automation'])[1 + floor(r.r_user * 7)::int]
           AS created_by
    FROM (SELECT i, random() AS r_wf, random() AS r_status, random() AS r_steps, random() AS r_time,
                 random() AS r_gap, random() AS r_user
            FROM generate_series($1::int, $2::int) AS i) r
    JOIN seed_workflows w ON r.r_wf >= w.lo AND r.r_wf < w.hi`;

const FAILED = `('failed', 'api_unavailable', 'inconsistent_data')`;

/**
 * Step k of n: Start first; Done or User Aborted last when the process ended so; in between the workflow's
 * own steps (without its Start and Done), again from its first when there are more rows than steps, as
 * retried steps are.
 */
const STEP_NAME = `CASE WHEN k = 1 THEN 'Start'
                        WHEN k = c.n_steps AND c.status = 'completed' THEN 'Done'
                        WHEN k = c.n_steps AND c.status = 'aborted' THEN 'User Aborted'
                        WHEN jsonb_array_length(c.steps) > 2
                          THEN c.steps ->> (1 + (k - 2) % (jsonb_array_length(c.steps) - 2))
                        ELSE 'Step ' || k END`;

const LAST_STEP_STATUS = `CASE c.status WHEN 'completed' THEN 'complete' WHEN 'aborted' THEN 'abort'
                               WHEN 'suspended' THEN 'suspend' WHEN 'waiting' THEN 'waiting'
                               WHEN 'awaiting_callback' THEN 'awaiting_callback' ELSE 'failed' END`;

export const SEED_PROCESSES_SQL = `
  INSERT INTO processes (process_id, workflow_id, workflow_name, is_task, status, version, step_index, failed_attempts, state,
                         last_step, assignee, failed_reason, traceback, created_by, actor, next_retry_at, started_at,
                         last_modified_at, workflow_version)
  SELECT c.process_id, c.workflow_id, c.workflow_name, c.is_task, c.status, c.n_steps,
         CASE WHEN c.status = 'completed' THEN c.n_steps ELSE c.n_steps - 1 END,
         CASE WHEN c.status = 'waiting' THEN 2 ELSE 0 END,
         jsonb_build_object('n', c.n_steps, 'customer', 'cust-' || (c.i % 200), 'hostname', 'ams-core-' || (c.i % 5000)),
         (SELECT ${STEP_NAME} FROM (SELECT c.n_steps AS k) last),
         CASE WHEN c.status = 'suspended' THEN 'NOC' ELSE 'SYSTEM' END,
         CASE WHEN c.status IN ${FAILED} THEN 'Device did not answer (seeded)' END,
         CASE WHEN c.status IN ${FAILED} THEN 'Error: Device did not answer\n    at configure (seed.ts:1:1)' END,
         c.created_by, c.created_by,
         CASE WHEN c.status = 'waiting' THEN now() + interval '1 day' + (c.i % 7) * interval '1 day' END,
         c.started_at, c.started_at + c.n_steps * c.step_gap,
         -- Pinned as the API pins a start (ENGINE.md 14.3): else every start-up would pin them all.
         (SELECT version FROM workflows WHERE workflow_id = c.workflow_id)
    FROM seed_chunk c`;

export const SEED_INPUT_STATES_SQL = `
  INSERT INTO input_states (process_id, input_type, state, created_by, created_at)
  SELECT c.process_id, 'initial_state', jsonb_build_object('customer', 'cust-' || (c.i % 200)), c.created_by,
         c.started_at
    FROM seed_chunk c`;

export const SEED_STEPS_SQL = `
  INSERT INTO process_steps (process_id, name, status, state, error, created_by, started_at, completed_at)
  SELECT c.process_id, ${STEP_NAME},
         CASE WHEN k < c.n_steps THEN 'success' ELSE ${LAST_STEP_STATUS} END,
         jsonb_build_object('n', k, 'customer', 'cust-' || (c.i % 200), 'hostname', 'ams-core-' || (c.i % 5000)),
         CASE WHEN k = c.n_steps AND c.status IN ${FAILED}
              THEN '{"class": "Error", "message": "Device did not answer (seeded)"}'::jsonb END,
         c.created_by, c.started_at + (k - 1) * c.step_gap, c.started_at + (k - 1) * c.step_gap + interval '15 milliseconds'
    FROM seed_chunk c, generate_series(1, c.n_steps) AS k`;

/** Processes of the product's workflows belong to one of the seeded subscriptions ($1: the product). */
export const SEED_PROCESS_SUBSCRIPTIONS_SQL = `
  INSERT INTO process_subscriptions (process_id, subscription_id, locked, created_at)
  SELECT c.process_id, s.subscription_id, false, c.started_at
    FROM seed_chunk c
    JOIN seed_subscriptions s ON s.n = c.i % (SELECT count(*) FROM seed_subscriptions)
   WHERE c.workflow_id IN (SELECT workflow_id FROM product_workflows WHERE product_id = $1)`;
