import { RESUMABLE_STATUSES } from '@orchestrator/engine';
import type { Audit } from '../audit/audit';
import type { Queryable } from '../queryable';
import { refusalOf, type CommandRefusal, type Moved } from './command-outcomes';
import { resumeProcesses } from './resume-processes';

/** Resume (retry) one process, fenced on the version the caller read when it gives one. */
export async function resumeProcess(
  db: Queryable,
  processId: string,
  actor: string,
  expectedVersion: number | null,
  audit: Audit | null,
): Promise<Moved | CommandRefusal> {
  const [resumed] = await resumeProcesses(db, {
    processIds: [processId],
    statuses: RESUMABLE_STATUSES,
    actor,
    expectedVersion,
    audit,
  });
  return resumed ? { kind: 'moved', version: resumed.version } : refusalOf(db, processId);
}
