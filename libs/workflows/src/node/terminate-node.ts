import { step, terminateWorkflow } from '@orchestrator/engine';
import { releaseLoopback } from './node-resources';

/**
 * Terminate a node: Start, Lock subscription, Release loopback address, Set subscription terminated, Unlock
 * subscription, Done. Refused at start while an active node depends on it.
 */
export const terminateNode = terminateWorkflow({
  name: 'terminate_node',
  product: 'node',
  description: 'Terminate a network node and give its loopback address back to the pool',
  steps: [
    step('Release loopback address', async (state, ctx) => ({
      releasedAddress: await releaseLoopback(ctx.tx, state.subscriptionId),
    })),
  ],
});
