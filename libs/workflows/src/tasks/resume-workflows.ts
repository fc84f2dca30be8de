import { z } from 'zod';
import { defineWorkflow, step } from '@orchestrator/engine';

/**
 * Runs every waiting process whose backoff has passed. The recovery sweeper does the same on its own
 * (RECOVERY_INTERVAL_MS); this task makes it visible in the process log and lets an operator do it now.
 * A process whose job is still queued is not run twice: job ids dedupe and steps are fenced on the version.
 */
export const resumeWorkflows = defineWorkflow({
  name: 'task_resume_workflows',
  target: 'SYSTEM',
  description: 'Run waiting processes whose retry backoff has passed',
  isTask: true,
  input: z.object({ limit: z.number().int().min(1).max(10000).default(1000) }),
  steps: [
    step('Resume due waiting processes', async (state, ctx) => {
      const due = (await ctx.tx.query(
        `SELECT process_id, version FROM processes
          WHERE status = 'waiting' AND next_retry_at <= clock_timestamp()
          ORDER BY next_retry_at LIMIT $1`,
        [state.limit],
      )) as { process_id: string; version: number }[];
      for (const process of due) ctx.scheduleAfterCommit({ processId: process.process_id, version: process.version });
      return { resumedProcesses: due.map((process) => process.process_id) };
    }),
  ],
});
