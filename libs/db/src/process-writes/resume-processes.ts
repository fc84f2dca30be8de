import type { ProcessStatus } from '@orchestrator/engine';
import { auditParameters, type Audit } from '../audit/audit';
import type { Queryable } from '../queryable';

// resumable ── resume (retry) ──▶ resumed, for one process (resume) or many (resume-all). The version bump
// makes every older request die quietly; the workers then run the same step again, attempts from 1. With an
// audit ($6, the action, not null) each resumed process gets its row in the same statement.
const RESUME_PROCESSES_SQL = `
  WITH resumed AS (
    UPDATE processes
       SET status = 'resumed', version = version + 1, failed_attempts = 0, next_retry_at = NULL, actor = $2,
           last_modified_at = clock_timestamp()
     WHERE process_id = ANY($1::uuid[]) AND status = ANY($3::text[]) AND ($4::integer IS NULL OR version = $4)
    RETURNING process_id, version
  ), audited AS (
    INSERT INTO audit_events (actor, action, target_type, target_id, outcome, details)
    SELECT $5, $6, 'process', process_id::text, 'allowed', $7::jsonb FROM resumed WHERE $6::text IS NOT NULL
  )
  SELECT process_id, version FROM resumed`;

export interface ResumeProcessesInput {
  readonly processIds: readonly string[];
  /** Only processes in one of these statuses are resumed. */
  readonly statuses: readonly ProcessStatus[];
  readonly actor: string;
  /** Only a process at this version (fenced on what the caller read); null for any. */
  readonly expectedVersion: number | null;
  /** A row per resumed process, in the same statement; null for none. */
  readonly audit: Audit | null;
}

/** The processes resumed, each with its new version. */
export async function resumeProcesses(
  db: Queryable,
  input: ResumeProcessesInput,
): Promise<{ processId: string; version: number }[]> {
  const rows = (await db.query(RESUME_PROCESSES_SQL, [
    input.processIds,
    input.actor,
    input.statuses,
    input.expectedVersion,
    ...auditParameters(input.audit),
  ])) as { process_id: string; version: number }[];
  return rows.map((row) => ({ processId: row.process_id, version: row.version }));
}
