import type { Queryable } from '../queryable';

// final task ── clean-up (task_clean_up_tasks) ──▶ (gone): finished tasks older than the retention, except
// the clean-up task running this statement.
const DELETE_FINISHED_TASKS_SQL = `
  DELETE FROM processes
   WHERE is_task AND status IN ('completed', 'aborted') AND process_id <> $1
     AND last_modified_at < now() - $2 * interval '1 day'`;

/** Returns how many tasks were deleted. */
export async function deleteFinishedTasks(
  db: Queryable,
  options: { exceptProcessId: string; olderThanDays: number },
): Promise<number> {
  const [, deleted] = (await db.query(DELETE_FINISHED_TASKS_SQL, [options.exceptProcessId, options.olderThanDays])) as [
    unknown,
    number,
  ];
  return deleted;
}
