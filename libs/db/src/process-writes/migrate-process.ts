import { RESUMABLE_STATUSES } from '@orchestrator/engine';
import { auditParameters, type Audit } from '../audit/audit';
import type { Queryable } from '../queryable';
import { refusalOf, type CommandRefusal, type Moved } from './command-outcomes';

// resumable ── migrate ──▶ (the same status), re-pinned: the process is pinned to the workflow version of
// the code (ENGINE.md 14.3) with its next step at the position the operator's mapping gave, fenced on the
// version the API read the process at. The version bump makes every older request (and callback token)
// die quietly; attempts start again. The operator resumes it next. The audit row in the same statement.
const MIGRATE_PROCESS_SQL = `
  WITH migrated AS (
    UPDATE processes
       SET workflow_version = $2, step_index = $3, version = version + 1, failed_attempts = 0,
           next_retry_at = NULL, last_modified_at = clock_timestamp()
     WHERE process_id = $1 AND version = $4 AND status = ANY($5::text[])
    RETURNING process_id, version
  ), audited AS (
    INSERT INTO audit_events (actor, action, target_type, target_id, outcome, details)
    SELECT $6, $7, 'process', process_id::text, 'allowed', $8::jsonb FROM migrated WHERE $7::text IS NOT NULL
  )
  SELECT version FROM migrated`;

export interface ProcessMigration {
  readonly processId: string;
  /** The process version the caller read (and planned the migration on). */
  readonly expectedVersion: number;
  readonly fromWorkflowVersion: string | null;
  readonly toWorkflowVersion: string;
  readonly stepIndex: number;
  /** What the audit row keeps besides the versions: the operator's mapping and the step it goes on at. */
  readonly mapping: Readonly<Record<string, string | null>>;
  readonly nextStep: string;
}

export async function migrateProcess(
  db: Queryable,
  migration: ProcessMigration,
  audit: Audit | null,
): Promise<Moved | CommandRefusal> {
  const rows = (await db.query(MIGRATE_PROCESS_SQL, [
    migration.processId,
    migration.toWorkflowVersion,
    migration.stepIndex,
    migration.expectedVersion,
    RESUMABLE_STATUSES,
    ...auditParameters(audit, {
      fromWorkflowVersion: migration.fromWorkflowVersion,
      toWorkflowVersion: migration.toWorkflowVersion,
      mapping: migration.mapping,
      nextStep: migration.nextStep,
    }),
  ])) as { version: number }[];
  const migrated = rows[0];
  return migrated ? { kind: 'moved', version: migrated.version } : refusalOf(db, migration.processId);
}
