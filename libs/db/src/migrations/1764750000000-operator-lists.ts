import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The operator API (ENGINE.md 11.2): indexes for `q` and `sort` on the lists, and process counts by status
 * kept as the processes change, so that `GET /api/processes/status-counts` reads a few rows instead of the
 * table. None of the new process indexes covers a column the step commit writes on every step
 * (last_modified_at, last_step, state, version), so that commit stays a HOT update; status changes only on a
 * transition, as before.
 */
export class OperatorLists1764750000000 implements MigrationInterface {
  name = 'OperatorLists1764750000000';

  async up(db: QueryRunner): Promise<void> {
    // `workflowName:x` compiles to lower(workflow_name) = lower($1); the plain filter uses it too. INCLUDE
    // (workflow_name) lets PostgreSQL count the matches (the list's total) with an index-only scan, which it
    // never does for an expression whose column the index lacks.
    await db.query(`DROP INDEX processes_workflow_started_idx`);
    await db.query(
      `CREATE INDEX processes_workflow_started_idx
         ON processes (lower(workflow_name), started_at DESC, process_id DESC) INCLUDE (workflow_name)`,
    );
    await db.query(
      `CREATE INDEX processes_workflow_status_started_idx
         ON processes (lower(workflow_name), status, started_at DESC, process_id DESC) INCLUDE (workflow_name)`,
    );
    // sort=workflowName and sort=status walk these, forwards or backwards.
    await db.query(`CREATE INDEX processes_workflow_name_sort_idx ON processes (workflow_name, process_id)`);
    await db.query(`CREATE INDEX processes_status_sort_idx ON processes (status, process_id)`);
    await db.query(`CREATE INDEX subscriptions_description_sort_idx ON subscriptions (description, subscription_id)`);
    await db.query(`CREATE INDEX subscriptions_status_sort_idx ON subscriptions (status, subscription_id)`);
    await db.query(`CREATE INDEX subscriptions_customer_sort_idx ON subscriptions (customer_id, subscription_id)`);
    // The planner's statistics of lower(workflow_name), which a new expression index has none of.
    await db.query(`ANALYZE processes`);

    // Counts by status: every change of a process's status appends rows to process_status_count_changes (an
    // insert of its own: no row that every step commit would update and wait on), which
    // compactProcessStatusCounts folds into process_status_counts now and then.
    await db.query(`
      CREATE TABLE process_status_counts (
        is_task boolean NOT NULL,
        status text NOT NULL,
        count bigint NOT NULL,
        CONSTRAINT process_status_counts_pkey PRIMARY KEY (is_task, status)
      )`);
    await db.query(`
      CREATE TABLE process_status_count_changes (
        change_id bigserial,
        is_task boolean NOT NULL,
        status text NOT NULL,
        delta integer NOT NULL,
        CONSTRAINT process_status_count_changes_pkey PRIMARY KEY (change_id)
      )`);
    await db.query(`
      CREATE FUNCTION process_status_count_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          INSERT INTO process_status_count_changes (is_task, status, delta) VALUES (NEW.is_task, NEW.status, 1);
        ELSIF TG_OP = 'DELETE' THEN
          INSERT INTO process_status_count_changes (is_task, status, delta) VALUES (OLD.is_task, OLD.status, -1);
        ELSE
          INSERT INTO process_status_count_changes (is_task, status, delta)
          VALUES (OLD.is_task, OLD.status, -1), (NEW.is_task, NEW.status, 1);
        END IF;
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER processes_status_count_rows AFTER INSERT OR DELETE ON processes
        FOR EACH ROW EXECUTE FUNCTION process_status_count_change()`);
    await db.query(`
      CREATE TRIGGER processes_status_count_changes AFTER UPDATE OF status, is_task ON processes
        FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.is_task IS DISTINCT FROM NEW.is_task)
        EXECUTE FUNCTION process_status_count_change()`);
    // Also under session_replication_role = replica (bulk loads that skip foreign-key triggers).
    await db.query(`ALTER TABLE processes ENABLE ALWAYS TRIGGER processes_status_count_rows`);
    await db.query(`ALTER TABLE processes ENABLE ALWAYS TRIGGER processes_status_count_changes`);
    // The counts so far, with writers held off until the migration commits (the triggers count from then on).
    await db.query(`LOCK TABLE processes IN SHARE ROW EXCLUSIVE MODE`);
    await db.query(`
      INSERT INTO process_status_counts (is_task, status, count)
      SELECT is_task, status, count(*) FROM processes GROUP BY is_task, status`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER processes_status_count_changes ON processes`);
    await db.query(`DROP TRIGGER processes_status_count_rows ON processes`);
    await db.query(`DROP FUNCTION process_status_count_change()`);
    await db.query(`DROP TABLE process_status_count_changes`);
    await db.query(`DROP TABLE process_status_counts`);
    for (const index of [
      'subscriptions_customer_sort_idx',
      'subscriptions_status_sort_idx',
      'subscriptions_description_sort_idx',
      'processes_status_sort_idx',
      'processes_workflow_name_sort_idx',
      'processes_workflow_status_started_idx',
      'processes_workflow_started_idx',
    ]) {
      await db.query(`DROP INDEX ${index}`);
    }
    await db.query(
      `CREATE INDEX processes_workflow_started_idx ON processes (workflow_name, started_at DESC, process_id DESC)`,
    );
  }
}
