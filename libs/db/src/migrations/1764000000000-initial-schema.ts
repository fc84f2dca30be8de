import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Workflows, processes, their step log, input states, idempotency keys and engine settings. */
export class InitialSchema1764000000000 implements MigrationInterface {
  name = 'InitialSchema1764000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE workflows (
        workflow_id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL UNIQUE,
        target text NOT NULL,
        description text NOT NULL,
        is_task boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        deleted_at timestamptz
      )`);
    // fillfactor leaves room on each page so that the per-step UPDATE stays a HOT update: every step
    // rewrites state, version and step_index, none of which is indexed.
    await db.query(`
      CREATE TABLE processes (
        process_id uuid PRIMARY KEY,
        workflow_id uuid NOT NULL REFERENCES workflows (workflow_id),
        workflow_name text NOT NULL,
        is_task boolean NOT NULL,
        status text NOT NULL,
        version integer NOT NULL DEFAULT 0,
        step_index integer NOT NULL DEFAULT 0,
        attempt integer NOT NULL DEFAULT 0,
        state jsonb NOT NULL,
        last_step text,
        assignee text NOT NULL DEFAULT 'SYSTEM',
        failed_reason text,
        traceback text,
        created_by text NOT NULL,
        actor text NOT NULL,
        next_retry_at timestamptz,
        started_at timestamptz NOT NULL DEFAULT now(),
        last_modified_at timestamptz NOT NULL DEFAULT now(),
        note text
      ) WITH (fillfactor = 70)`);
    await db.query(`CREATE INDEX processes_started_idx ON processes (started_at DESC, process_id DESC)`);
    await db.query(`CREATE INDEX processes_status_started_idx ON processes (status, started_at DESC, process_id DESC)`);
    await db.query(
      `CREATE INDEX processes_workflow_started_idx ON processes (workflow_name, started_at DESC, process_id DESC)`,
    );
    await db.query(`CREATE INDEX processes_task_started_idx ON processes (is_task, started_at DESC, process_id DESC)`);
    await db.query(
      `CREATE INDEX processes_created_by_started_idx ON processes (created_by, started_at DESC, process_id DESC)`,
    );
    await db.query(`
      CREATE TABLE process_steps (
        step_id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq bigint GENERATED ALWAYS AS IDENTITY,
        process_id uuid NOT NULL REFERENCES processes (process_id) ON DELETE CASCADE,
        name text NOT NULL,
        status text NOT NULL,
        state jsonb NOT NULL,
        error jsonb,
        created_by text NOT NULL,
        started_at timestamptz NOT NULL,
        completed_at timestamptz NOT NULL,
        retries integer NOT NULL DEFAULT 0
      )`);
    await db.query(`CREATE INDEX process_steps_process_seq_idx ON process_steps (process_id, seq)`);
    await db.query(`
      CREATE TABLE input_states (
        input_state_id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        process_id uuid NOT NULL REFERENCES processes (process_id) ON DELETE CASCADE,
        input_type text NOT NULL CHECK (input_type IN ('initial_state', 'user_input')),
        state jsonb NOT NULL,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX input_states_process_idx ON input_states (process_id, created_at)`);
    // No foreign key: a key outlives a deleted task, so that a repeated request still answers with the
    // original id instead of starting the task again (keys are kept at least 24 hours, ENGINE.md 8.7).
    await db.query(`
      CREATE TABLE idempotency_keys (
        key text PRIMARY KEY,
        process_id uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at)`);
    await db.query(`
      CREATE TABLE engine_settings (
        id boolean PRIMARY KEY DEFAULT true CHECK (id),
        global_lock boolean NOT NULL DEFAULT false,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`INSERT INTO engine_settings (id) VALUES (true)`);
    // Raised by a step's commit statement when the process moved on meanwhile (see step-store.ts).
    await db.query(`
      CREATE FUNCTION orchestrator_fenced() RETURNS bigint LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'process moved on while the step ran: fenced out' USING ERRCODE = 'OF001';
      END $$`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP FUNCTION orchestrator_fenced()`);
    for (const table of [
      'engine_settings',
      'idempotency_keys',
      'input_states',
      'process_steps',
      'processes',
      'workflows',
    ]) {
      await db.query(`DROP TABLE ${table}`);
    }
  }
}
