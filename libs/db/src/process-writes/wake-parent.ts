import type { StepRequest } from '@orchestrator/engine';

// waiting (at a sub-workflow step) ── its child completed, failed or aborted ──▶ running (ENGINE.md 14.2).
// Sent in the child's own step transaction, right after the child's write (so behind the child's row lock,
// which the parent's step takes too when it reads the child: one of them always sees the other's commit).
// Only a parent still waiting at the step that started this child wakes; a parent being retried, aborted or
// gone on is left alone. The version bump voids older requests; the woken step is requested after commit,
// and a lost request is found by the recovery sweeper like any `running` process.
export const WAKE_PARENT = {
  name: 'orchestrator_wake_parent',
  text: `
  UPDATE processes p
     SET status = 'running', version = p.version + 1, next_retry_at = NULL, failed_reason = NULL,
         last_modified_at = clock_timestamp()
    FROM processes c
   WHERE c.process_id = $1 AND p.process_id = c.parent_id AND p.status = 'waiting' AND p.next_retry_at IS NULL
     AND p.step_index = c.parent_step_index
  RETURNING p.process_id, p.version`,
};

export function wakeParentValues(childId: string): unknown[] {
  return [childId];
}

/** The parent's step request, when the statement woke it. */
export function wokenRequest(rows: readonly { process_id?: string; version?: number }[]): StepRequest | undefined {
  const row = rows[0];
  return row?.process_id && row.version !== undefined ? { processId: row.process_id, version: row.version } : undefined;
}
