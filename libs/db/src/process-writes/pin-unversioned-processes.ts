import type { Queryable } from '../queryable';

// (any) ── registration ──▶ (the same), pinned: processes from before workflow versions (null) are pinned to
// the version their workflow is registered with now (ENGINE.md 14.3); no version bump, nothing else changes.
// Runs at start-up, under the start-up lock, right after the workflows are registered; the partial index
// processes_unversioned_idx makes it a no-op look-up once every process has a version.
const PIN_UNVERSIONED_PROCESSES_SQL = `
  UPDATE processes p
     SET workflow_version = w.version
    FROM workflows w
   WHERE p.workflow_version IS NULL AND p.workflow_name = w.name AND w.version IS NOT NULL
     AND w.name = ANY($1::text[])`;

export async function pinUnversionedProcesses(db: Queryable, workflowNames: readonly string[]): Promise<void> {
  await db.query(PIN_UNVERSIONED_PROCESSES_SQL, [workflowNames]);
}
