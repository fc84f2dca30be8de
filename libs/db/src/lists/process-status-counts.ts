import type { Queryable } from '../queryable';

export interface StatusCounts {
  processCounts: Record<string, number>;
  taskCounts: Record<string, number>;
}

/** Past this many changes not folded in, a read of the counts folds them first. */
const COMPACT_AFTER_CHANGES = 5_000;

// The counts as of the last compaction plus every change since, in one statement (one snapshot), so that a
// compaction running meanwhile (which moves changes into the counts in one statement) is seen whole or not at all.
const READ_COUNTS_SQL = `
  SELECT is_task AS "isTask", status, sum(n)::int AS count, sum(changes)::int AS changes
    FROM (SELECT is_task, status, count AS n, 0 AS changes FROM process_status_counts
          UNION ALL
          SELECT is_task, status, delta, 1 FROM process_status_count_changes) c
   GROUP BY is_task, status`;

// Moves every committed change into the counts. Two compactions at once cannot count a change twice: the
// second one's DELETE waits for the first's and skips the rows it took.
const COMPACT_SQL = `
  WITH moved AS (
    DELETE FROM process_status_count_changes RETURNING is_task, status, delta
  ), summed AS (
    SELECT is_task, status, sum(delta) AS delta FROM moved GROUP BY is_task, status
  )
  INSERT INTO process_status_counts AS c (is_task, status, count)
  SELECT is_task, status, delta FROM summed
  ON CONFLICT (is_task, status) DO UPDATE SET count = c.count + excluded.count`;

/**
 * `GET /api/processes/status-counts` (ENGINE.md 6): processes and tasks by status, from the counts a trigger
 * on processes keeps (migration 1764750000000) rather than a scan of the table. Statuses without a process
 * are left out, as a GROUP BY over the table would.
 */
export async function readStatusCounts(db: Queryable): Promise<StatusCounts> {
  let rows = (await db.query(READ_COUNTS_SQL)) as { isTask: boolean; status: string; count: number; changes: number }[];
  if (rows.reduce((sum, row) => sum + row.changes, 0) > COMPACT_AFTER_CHANGES) {
    await compactProcessStatusCounts(db);
    rows = (await db.query(READ_COUNTS_SQL)) as typeof rows;
  }
  const counts: StatusCounts = { processCounts: {}, taskCounts: {} };
  for (const row of rows) {
    if (row.count !== 0) (row.isTask ? counts.taskCounts : counts.processCounts)[row.status] = row.count;
  }
  return counts;
}

/** Folds the changes into the counts: the workers' upkeep does it every recovery interval, reads when many wait. */
export async function compactProcessStatusCounts(db: Queryable): Promise<void> {
  await db.query(COMPACT_SQL);
}
