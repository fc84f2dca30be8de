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
      const { timedOut, woken } = await timeOutCallbacks(ctx.tx, ctx.actor);
      if (timedOut.length > 0) ctx.logger.info({ processIds: timedOut }, 'callbacks timed out');
      // Parents waiting for a timed-out child (sub-workflows) run their step once this one has committed.
      for (const request of woken) ctx.scheduleAfterCommit(request);
      return { timedOutProcesses: timedOut };
    }),
  ],
});
