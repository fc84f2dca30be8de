import { z } from 'zod';
import { defineWorkflow, inputStep, step } from '@orchestrator/engine';

/** Loaded through WORKFLOW_MODULES by the API and workers the tracing test spawns. */
export const tracedAsks = defineWorkflow({
  name: 'traced_asks',
  target: 'SYSTEM',
  description: 'a step that queries, a form, a last step',
  steps: [
    step('Prepare', async (_state, ctx) => {
      await ctx.tx.query('SELECT 1');
      return { prepared: true };
    }),
    inputStep('Approve', { form: z.object({ ok: z.boolean() }) }),
    step('Finish', () => ({ finished: true })),
  ],
});

export const tracedPlain = defineWorkflow({
  name: 'traced_plain',
  target: 'SYSTEM',
  description: 'one step',
  steps: [step('Only', () => ({ only: true }))],
});

export default [tracedAsks, tracedPlain];
