import { EntitySchema } from 'typeorm';
import type { ColumnsOf } from './entity-columns';

/** One scheduled task; BullMQ's job scheduler of that name is derived from it (task-schedules.ts). */
export interface TaskScheduleRow {
  taskName: string;
  cron: string;
  enabled: boolean;
  /** Null while the row follows the configuration; who changed it through the API otherwise. */
  changedBy: string | null;
  /** Every fire time up to here was run, skipped or counted missed; null until the current cron is applied. */
  accountedThrough: Date | null;
  missedRuns: number;
  lastRunAt: Date | null;
  lastProcessId: string | null;
  updatedAt: Date;
}

const columns: ColumnsOf<TaskScheduleRow> = {
  taskName: { name: 'task_name', type: 'text', primary: true },
  cron: { type: 'text' },
  enabled: { type: 'boolean', default: true },
  changedBy: { name: 'changed_by', type: 'text', nullable: true },
  accountedThrough: { name: 'accounted_through', type: 'timestamptz', nullable: true },
  missedRuns: { name: 'missed_runs', type: 'integer', default: 0 },
  lastRunAt: { name: 'last_run_at', type: 'timestamptz', nullable: true },
  lastProcessId: { name: 'last_process_id', type: 'uuid', nullable: true },
  updatedAt: { name: 'updated_at', type: 'timestamptz', default: () => 'now()' },
};

export const TaskScheduleEntity = new EntitySchema<TaskScheduleRow>({
  name: 'TaskSchedule',
  tableName: 'task_schedules',
  columns,
});
