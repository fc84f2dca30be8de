import type { DataSource } from 'typeorm';
import type { ProcessStatus, StepRequest } from '@orchestrator/engine';
import { recordAuditEvent, type Audit } from '../audit/audit';
import { resumeProcesses } from './resume-processes';

const RESUME_ALL_LOCK = [727_274, 2] as const;
const RESUME_ALL_STATUSES: ProcessStatus[] = ['failed', 'waiting', 'api_unavailable', 'inconsistent_data'];

export type ResumeAllOutcome =
  /** `refusedByRules`: tasks left alone because their workflow's retry rule refuses the caller. */
  | { readonly kind: 'resumed'; readonly count: number; readonly refusedByRules: number }
  | { readonly kind: 'in_progress' };

/**
 * Resumes every task in failed, waiting, api_unavailable or inconsistent_data that `mayRetry` allows (the
 * per-workflow rules, by workflow name), and hands their step requests to `schedule`, all while holding a
 * session advisory lock: a concurrent call gets `in_progress` instead of doing the same work twice. The
 * resume and its one audit row (the count, the tasks left alone) commit together.
 */
export async function resumeAllTasks(
  dataSource: DataSource,
  actor: string,
  schedule: (requests: StepRequest[]) => Promise<void>,
  options: { mayRetry?: (workflowName: string) => Promise<boolean>; audit?: Audit | null } = {},
): Promise<ResumeAllOutcome> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    // The (int, int) form keeps this lock apart from the steps' execution locks (bigint keys).
    const [{ locked } = { locked: false }] = (await runner.query('SELECT pg_try_advisory_lock($1, $2) AS locked', [
      ...RESUME_ALL_LOCK,
    ])) as { locked: boolean }[];
    if (!locked) return { kind: 'in_progress' };
    try {
      const tasks = (await runner.query(
        `SELECT process_id, workflow_name FROM processes WHERE is_task AND status = ANY($1::text[])`,
        [RESUME_ALL_STATUSES],
      )) as { process_id: string; workflow_name: string }[];
      const allowed = await allowedTasks(tasks, options.mayRetry);
      await runner.startTransaction();
      let resumed: StepRequest[];
      const refused = tasks.length - allowed.length;
      try {
        resumed = await resumeProcesses(runner, {
          processIds: allowed.map((task) => task.process_id),
          statuses: RESUME_ALL_STATUSES,
          actor,
          expectedVersion: null,
          audit: null, // one row for the whole resume-all, below
        });
        await recordAuditEvent(runner, options.audit ?? null, {
          targetType: 'processes',
          targetId: null,
          details: { count: resumed.length, ...(refused > 0 ? { refusedByRules: refused } : {}) },
        });
        await runner.commitTransaction();
      } catch (error) {
        await runner.rollbackTransaction();
        throw error;
      }
      await schedule(resumed);
      return { kind: 'resumed', count: resumed.length, refusedByRules: refused };
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1, $2)', [...RESUME_ALL_LOCK]);
    }
  } finally {
    await runner.release();
  }
}

/** The tasks whose workflow's retry rule lets the caller resume them (each workflow asked once). */
async function allowedTasks<T extends { workflow_name: string }>(
  tasks: T[],
  mayRetry: ((workflowName: string) => Promise<boolean>) | undefined,
): Promise<T[]> {
  if (!mayRetry) return tasks;
  const verdicts = new Map<string, boolean>();
  for (const name of new Set(tasks.map((task) => task.workflow_name))) verdicts.set(name, await mayRetry(name));
  return tasks.filter((task) => verdicts.get(task.workflow_name) === true);
}
