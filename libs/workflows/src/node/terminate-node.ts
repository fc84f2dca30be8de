import { workflow } from '@orchestrator/engine';
import { releaseLoopback } from './node-resources';

/**
 * Terminate a node: Start, Lock subscription, Release loopback address, Set subscription terminated, Unlock
 * subscription, Done. Refused at start while an active node depends on it.
 */
export const terminateNode = workflow
  .terminate({
    name: 'terminate_node',
    product: 'node',
    description: 'Terminate a network node and give its loopback address back to the pool',
  })
  .step('Release loopback address', async (state, ctx) => {
    const releasedAddress = await releaseLoopback(ctx.tx, state.subscriptionId);
    // The address may go to another node now: this one no longer claims it.
    const { loopbackAddress: _released, ...data } = (await ctx.subscriptions.get(state.subscriptionId)).data;
    await ctx.subscriptions.update(state.subscriptionId, { data });
    return { releasedAddress };
  })
  .build();
