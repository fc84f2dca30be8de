import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The schedules of the built-in and other tasks: PostgreSQL is their truth (ENGINE.md 15.2); BullMQ's job
 * schedulers in Redis are derived from these rows and re-created from them after Redis lost its data.
 */
export class TaskSchedules1764400000000 implements MigrationInterface {
  name = 'TaskSchedules1764400000000';

  async up(db: QueryRunner): Promise<void> {
    // `changed_by` is null while the row follows the configuration (defaults and TASK_SCHEDULES), and names
    // who changed it through PUT /api/schedules/{name} from then on. `accounted_through`: every fire time up
    // to it has been run, skipped or counted in `missed_runs`; null until a worker applied the current cron.
    await db.query(`
      CREATE TABLE task_schedules (
        task_name text PRIMARY KEY,
        cron text NOT NULL,
        enabled boolean NOT NULL DEFAULT true,
        changed_by text,
        accounted_through timestamptz,
        missed_runs integer NOT NULL DEFAULT 0,
        last_run_at timestamptz,
        last_process_id uuid,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE task_schedules`);
  }
}
