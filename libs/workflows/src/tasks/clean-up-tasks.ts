import { z } from 'zod';
import { defineWorkflow, step } from '@orchestrator/engine';

/**
 * Keeps the orchestrator lean: deletes finished tasks (completed or aborted) older than the retention,
 * and idempotency keys older than theirs (ENGINE.md 8.7 promises at least 24 hours). Workflow processes
 * are audit records and are never deleted.
 */
export const cleanUpTasks = defineWorkflow({
  name: 'task_clean_up_tasks',
  target: 'SYSTEM',
  description: 'Delete finished tasks and expired idempotency keys',
  isTask: true,
  input: z.object({
    olderThanDays: z.number().min(0).default(7),
    keyRetentionHours: z.number().min(24).default(48),
  }),
  steps: [
    step('Delete finished tasks', async (state, ctx) => {
      const [, deleted] = (await ctx.tx.query(
        `DELETE FROM processes
          WHERE is_task AND status IN ('completed', 'aborted') AND process_id <> $1
            AND last_modified_at < now() - $2 * interval '1 day'`,
        [ctx.processId, state.olderThanDays],
      )) as [unknown, number];
      return { deletedTasks: deleted };
    }),
    step('Expire idempotency keys', async (state, ctx) => {
      const [, deleted] = (await ctx.tx.query(
        `DELETE FROM idempotency_keys WHERE created_at < now() - $1 * interval '1 hour'`,
        [state.keyRetentionHours],
      )) as [unknown, number];
      return { expiredKeys: deleted };
    }),
  ],
});
