import { workflow } from '@orchestrator/engine';
import { heldLoopback } from './node-resources';

/** Validate a node: its data and the address pool agree on its loopback address. */
export const validateNode = workflow
  .validate({
    name: 'validate_node',
    product: 'node',
    description: 'Check that the node and the loopback address pool agree',
  })
  .step('Check loopback address', async (state, ctx) => {
    const subscription = await ctx.subscriptions.get(state.subscriptionId);
    const held = await heldLoopback(ctx.tx, subscription.id);
    if (held !== (subscription.data.loopbackAddress ?? null)) {
      throw Object.assign(
        new Error(
          `node ${subscription.data.hostname} says ${String(subscription.data.loopbackAddress)}, the pool says ${String(held)}`,
        ),
        { name: 'AssertionError' },
      );
    }
    return { validatedLoopback: held };
  })
  .build();
