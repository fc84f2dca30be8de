import type { DataSource } from 'typeorm';
import type { ProcessStatus, StepRequest } from '@orchestrator/engine';
import { resumeProcesses } from './resume-processes';

const RESUME_ALL_LOCK = [727_274, 2] as const;
const RESUME_ALL_STATUSES: ProcessStatus[] = ['failed', 'waiting', 'api_unavailable', 'inconsistent_data'];

export type ResumeAllOutcome = { readonly kind: 'resumed'; readonly count: number } | { readonly kind: 'in_progress' };

/**
 * Resumes every task in failed, waiting, api_unavailable or inconsistent_data, and hands their step requests to
 * `schedule`, all while holding a session advisory lock: a concurrent call gets `in_progress` instead of
 * doing the same work twice.
 */
export async function resumeAllTasks(
  dataSource: DataSource,
  actor: string,
  schedule: (requests: StepRequest[]) => Promise<void>,
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
      const tasks = (await runner.query(`SELECT process_id FROM processes WHERE is_task AND status = ANY($1::text[])`, [
        RESUME_ALL_STATUSES,
      ])) as { process_id: string }[];
      const resumed = await resumeProcesses(runner, {
        processIds: tasks.map((task) => task.process_id),
        statuses: RESUME_ALL_STATUSES,
        actor,
        expectedVersion: null,
      });
      await schedule(resumed);
      return { kind: 'resumed', count: resumed.length };
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1, $2)', [...RESUME_ALL_LOCK]);
    }
  } finally {
    await runner.release();
  }
}
