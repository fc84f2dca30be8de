import { timeOutCallbacks } from '@orchestrator/db';
import { defineWorkflow, step } from '@orchestrator/engine';

/** Fails every process whose callback did not arrive within its step's `timeoutMs`. */
export const timeoutCallbacks = defineWorkflow({
  name: 'task_timeout_callbacks',
  target: 'SYSTEM',
  description: 'Fail processes whose callback did not arrive in time',
  isTask: true,
  steps: [
    step('Fail expired callbacks', async (_state, ctx) => {
      const processIds = await timeOutCallbacks(ctx.tx, ctx.actor);
      if (processIds.length > 0) ctx.logger.info({ processIds }, 'callbacks timed out');
      return { timedOutProcesses: processIds };
    }),
  ],
});
