import type { DataSource } from 'typeorm';
import { auditParameters, type Audit } from './audit/audit';
import type { TaskScheduleRow } from './entities/task-schedule.entity';

/** What the configuration (built-in defaults, then TASK_SCHEDULES) says of one task; cron null: no schedule. */
export interface ConfiguredSchedule {
  taskName: string;
  cron: string | null;
  enabled: boolean;
}

/** PUT /api/schedules/{name}: a new cron, enabled on or off, or both. */
export interface ScheduleChange {
  cron?: string;
  enabled?: boolean;
}

/** Fire times of a cron strictly between two moments (the queue layer's cron reading, passed in). */
export type CountFires = (cron: string, after: Date, before: Date) => number;

const ROW = `task_name AS "taskName", cron, enabled, changed_by AS "changedBy",
  accounted_through AS "accountedThrough", missed_runs AS "missedRuns", last_run_at AS "lastRunAt",
  last_process_id AS "lastProcessId", updated_at AS "updatedAt"`;

/**
 * The task schedules in PostgreSQL, their truth (ENGINE.md 15.2). A row follows the configuration until
 * someone changes it through the API; a change of cron, or enabling, leaves `accounted_through` null until a
 * worker has applied it to BullMQ, so that the fire times before that are not counted as missed.
 */
export class TaskScheduleStore {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Inserts the configured schedules and updates the rows that still follow the configuration; a row that
   * follows it, of a task registered here, that the configuration no longer schedules is disabled.
   */
  async applyConfiguration(
    configured: readonly ConfiguredSchedule[],
    registeredTasks: readonly string[],
  ): Promise<void> {
    const scheduled = configured.filter((entry) => entry.cron !== null);
    await this.dataSource.query(
      `INSERT INTO task_schedules (task_name, cron, enabled)
       SELECT * FROM unnest($1::text[], $2::text[], $3::boolean[])
       ON CONFLICT (task_name) DO UPDATE
          SET cron = EXCLUDED.cron, enabled = EXCLUDED.enabled, accounted_through = NULL, updated_at = now()
        WHERE task_schedules.changed_by IS NULL
          AND (task_schedules.cron, task_schedules.enabled) IS DISTINCT FROM (EXCLUDED.cron, EXCLUDED.enabled)`,
      [scheduled.map((e) => e.taskName), scheduled.map((e) => e.cron), scheduled.map((e) => e.enabled)],
    );
    await this.dataSource.query(
      `UPDATE task_schedules SET enabled = false, updated_at = now()
        WHERE changed_by IS NULL AND enabled AND task_name = ANY($1::text[]) AND NOT task_name = ANY($2::text[])`,
      [registeredTasks, scheduled.filter((e) => e.enabled).map((e) => e.taskName)],
    );
  }

  async list(): Promise<TaskScheduleRow[]> {
    return (await this.dataSource.query(`SELECT ${ROW} FROM task_schedules ORDER BY task_name`)) as TaskScheduleRow[];
  }

  async get(taskName: string): Promise<TaskScheduleRow | null> {
    const rows = (await this.dataSource.query(`SELECT ${ROW} FROM task_schedules WHERE task_name = $1`, [
      taskName,
    ])) as TaskScheduleRow[];
    return rows[0] ?? null;
  }

  /**
   * The changed row, or null when there is no schedule of that name; the audit row (schedule.change) commits
   * in the same statement.
   */
  async change(
    taskName: string,
    change: ScheduleChange,
    actor: string,
    audit: Audit | null,
  ): Promise<TaskScheduleRow | null> {
    const rows = (await this.dataSource.query(
      `WITH changed AS (
         UPDATE task_schedules
            SET cron = COALESCE($2, cron), enabled = COALESCE($3, enabled), changed_by = $4, updated_at = now(),
                accounted_through = CASE WHEN cron IS DISTINCT FROM COALESCE($2, cron) OR (NOT enabled AND COALESCE($3, enabled))
                                         THEN NULL ELSE accounted_through END
          WHERE task_name = $1
          RETURNING *
       ), audited AS (
         INSERT INTO audit_events (actor, action, target_type, target_id, outcome, details)
         SELECT $5, $6, 'schedule', task_name, 'allowed', $7::jsonb FROM changed WHERE $6::text IS NOT NULL
       )
       SELECT ${ROW} FROM changed`,
      [
        taskName,
        change.cron ?? null,
        change.enabled ?? null,
        actor,
        ...auditParameters(audit, {
          ...(change.cron === undefined ? {} : { cron: change.cron }),
          ...(change.enabled === undefined ? {} : { enabled: change.enabled }),
        }),
      ],
    )) as TaskScheduleRow[];
    return rows[0] ?? null;
  }

  /** A worker applied `cron` to BullMQ at `at`: fire times from then on are accounted. */
  async markApplied(taskName: string, cron: string, at: Date): Promise<void> {
    await this.dataSource.query(
      `UPDATE task_schedules SET accounted_through = $3
        WHERE task_name = $1 AND cron = $2 AND accounted_through IS NULL`,
      [taskName, cron, at],
    );
  }

  /**
   * Accounts every fire time up to `through` (exclusive): those after `accounted_through` had no run, so they
   * are added to `missed_runs` and returned. Serialized on the row, so that workers noticing the same gap
   * count it once. Nothing is counted for a row whose current cron was not applied yet.
   */
  async accountFires(
    taskName: string,
    through: Date,
    countFires: CountFires,
  ): Promise<{ missed: number; since: Date | null }> {
    return this.dataSource.transaction(async (tx) => {
      const [row] = (await tx.query(
        `SELECT cron, accounted_through AS "accountedThrough" FROM task_schedules WHERE task_name = $1 FOR UPDATE`,
        [taskName],
      )) as { cron: string; accountedThrough: Date | null }[];
      const since = row?.accountedThrough ?? null;
      if (!row || !since || since.getTime() >= through.getTime()) return { missed: 0, since };
      const missed = countFires(row.cron, since, through);
      await tx.query(
        `UPDATE task_schedules SET accounted_through = $2, missed_runs = missed_runs + $3 WHERE task_name = $1`,
        [taskName, through, missed],
      );
      return { missed, since };
    });
  }

  async recordRun(taskName: string, processId: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE task_schedules SET last_run_at = now(), last_process_id = $2 WHERE task_name = $1`,
      [taskName, processId],
    );
  }
}
