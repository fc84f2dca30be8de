import type { ProcessStatus } from '@orchestrator/engine';
import type { Queryable } from '../queryable';

// resumable ── resume (retry) ──▶ resumed, for one process (resume) or many (resume-all). The version bump
// makes every older request die quietly; the workers then run the same step again, attempts from 1.
const RESUME_PROCESSES_SQL = `
  UPDATE processes
     SET status = 'resumed', version = version + 1, failed_attempts = 0, next_retry_at = NULL, actor = $2,
         last_modified_at = clock_timestamp()
   WHERE process_id = ANY($1::uuid[]) AND status = ANY($3::text[]) AND ($4::integer IS NULL OR version = $4)
  RETURNING process_id, version`;

export interface ResumeProcessesInput {
  readonly processIds: readonly string[];
  /** Only processes in one of these statuses are resumed. */
  readonly statuses: readonly ProcessStatus[];
  readonly actor: string;
  /** Only a process at this version (fenced on what the caller read); null for any. */
  readonly expectedVersion: number | null;
}

/** The processes resumed, each with its new version. */
export async function resumeProcesses(
  db: Queryable,
  input: ResumeProcessesInput,
): Promise<{ processId: string; version: number }[]> {
  const [rows] = (await db.query(RESUME_PROCESSES_SQL, [
    input.processIds,
    input.actor,
    input.statuses,
    input.expectedVersion,
  ])) as [{ process_id: string; version: number }[], number];
  return rows.map((row) => ({ processId: row.process_id, version: row.version }));
}
