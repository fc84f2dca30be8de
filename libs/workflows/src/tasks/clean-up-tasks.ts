import { z } from 'zod';
import { deleteFinishedTasks, expireIdempotencyKeys } from '@orchestrator/db';
import { defineWorkflow, step } from '@orchestrator/engine';

/**
 * Keeps the orchestrator lean: deletes finished tasks (completed or aborted) older than the retention,
 * and idempotency keys older than theirs (ENGINE.md 8.7 promises at least 24 hours). Workflow processes
 * are audit records and are never deleted.
 *
 * It deletes records, so starting it by hand is for admins (as `DELETE /api/processes/{id}` is), and the
 * retention has a floor of one day: `olderThanDays: 0` would delete every finished task, the one an operator
 * is looking at included. The schedule (no user) starts it with the defaults.
 */
export const cleanUpTasks = defineWorkflow({
  name: 'task_clean_up_tasks',
  target: 'SYSTEM',
  description: 'Delete finished tasks and expired idempotency keys',
  isTask: true,
  input: z.object({
    olderThanDays: z.number().min(1).default(7),
    keyRetentionHours: z.number().min(24).default(48),
  }),
  authorize: (user) => user.roles.includes('admin') || 'task_clean_up_tasks deletes task records: admins only',
  steps: [
    step('Delete finished tasks', async (state, ctx) => ({
      deletedTasks: await deleteFinishedTasks(ctx.tx, {
        exceptProcessId: ctx.processId,
        olderThanDays: Number(state.olderThanDays),
      }),
    })),
    step('Expire idempotency keys', async (state, ctx) => ({
      expiredKeys: await expireIdempotencyKeys(ctx.tx, Number(state.keyRetentionHours)),
    })),
  ],
});
