import { FINAL_STATUSES } from '@orchestrator/engine';
import { auditParameters, type Audit } from '../audit/audit';
import type { Queryable } from '../queryable';
import { processKind, type CommandRefusal } from './command-outcomes';

// final task ── delete ──▶ (gone). Workflow processes are audit records and stay (ENGINE.md 2).
// The audit row outlives the task: it names the process by id and has no foreign key to it.
const DELETE_TASK_SQL = `
  WITH deleted AS (
    DELETE FROM processes WHERE process_id = $1 AND is_task AND status = ANY($2::text[])
    RETURNING process_id, workflow_name
  ), audited AS (
    INSERT INTO audit_events (actor, action, target_type, target_id, outcome, details)
    SELECT $3, $4, 'process', process_id::text, 'allowed', jsonb_build_object('workflowName', workflow_name) || $5::jsonb
      FROM deleted WHERE $4::text IS NOT NULL
  )
  SELECT 1 FROM deleted`;

export async function deleteTask(
  db: Queryable,
  processId: string,
  audit: Audit | null,
): Promise<{ readonly kind: 'deleted' } | CommandRefusal> {
  const rows = (await db.query(DELETE_TASK_SQL, [processId, FINAL_STATUSES, ...auditParameters(audit)])) as unknown[];
  if (rows.length > 0) return { kind: 'deleted' };
  const found = await processKind(db, processId);
  if (!found) return { kind: 'not_found' };
  return found.isTask ? { kind: 'invalid_status', status: found.status } : { kind: 'not_a_task' };
}
