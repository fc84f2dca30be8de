import { z } from 'zod';
import { workflow } from '@orchestrator/engine';

/**
 * Modify the note of any product's subscription (ENGINE.md 13.9, orchestrator-core's modify_note): every
 * product allows it, and it runs on a subscription that is out of sync too (it then leaves it out of sync).
 */
export const modifyNote = workflow
  .modify({
    name: 'modify_note',
    description: 'Modify the note of a subscription',
    allowOutOfSync: true,
    input: z.object({ note: z.string().max(4000).nullable() }),
  })
  .step('Store note', async (state, ctx) => {
    const before = await ctx.subscriptions.get(state.subscriptionId);
    const after = await ctx.subscriptions.update(state.subscriptionId, { note: state.note });
    return { previousNote: before.note, note: after.note };
  })
  .build();
