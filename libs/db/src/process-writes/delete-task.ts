import { FINAL_STATUSES } from '@orchestrator/engine';
import type { Queryable } from '../queryable';
import { processKind, type CommandRefusal } from './command-outcomes';

// final task ── delete ──▶ (gone). Workflow processes are audit records and stay (ENGINE.md 2).
const DELETE_TASK_SQL = `DELETE FROM processes WHERE process_id = $1 AND is_task AND status = ANY($2::text[])`;

export async function deleteTask(
  db: Queryable,
  processId: string,
): Promise<{ readonly kind: 'deleted' } | CommandRefusal> {
  const [, deleted] = (await db.query(DELETE_TASK_SQL, [processId, FINAL_STATUSES])) as [unknown, number];
  if (deleted) return { kind: 'deleted' };
  const found = await processKind(db, processId);
  if (!found) return { kind: 'not_found' };
  return found.isTask ? { kind: 'invalid_status', status: found.status } : { kind: 'not_a_task' };
}
