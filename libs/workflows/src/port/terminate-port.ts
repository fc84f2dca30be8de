import { workflow } from '@orchestrator/engine';

/**
 * Terminate a port: Start, Lock subscription, Deconfigure port, Set subscription terminated, Unlock subscription,
 * Done. Refused at start while a service (an L2VPN) that uses the port's block is in service.
 */
export const terminatePort = workflow
  .terminate({ name: 'terminate_port', product: 'port', description: 'Terminate a port' })
  .step('Deconfigure port', async (state, ctx) => {
    const port = await ctx.subscriptions.get(state.subscriptionId);
    return { deconfigured: `${String(port.data.portName)}` };
  })
  .build();
