import { z } from 'zod';
import { findDueWaitingProcesses } from '@orchestrator/db';
import { defineWorkflow, step } from '@orchestrator/engine';

/**
 * Runs every waiting process whose backoff has passed. The recovery sweeper does the same on its own
 * (RECOVERY_INTERVAL_MS); this task makes it visible in the process log and lets an operator do it now.
 * A process whose step is still queued is not run twice: queued requests dedupe and steps are fenced on the
 * version.
 */
export const resumeWorkflows = defineWorkflow({
  name: 'task_resume_workflows',
  target: 'SYSTEM',
  description: 'Run waiting processes whose retry backoff has passed',
  isTask: true,
  input: z.object({ limit: z.number().int().min(1).max(10000).default(1000) }),
  steps: [
    step('Resume due waiting processes', async (state, ctx) => {
      const due = await findDueWaitingProcesses(ctx.tx, Number(state.limit));
      for (const request of due) ctx.scheduleAfterCommit(request);
      return { resumedProcesses: due.map((request) => request.processId) };
    }),
  ],
});
