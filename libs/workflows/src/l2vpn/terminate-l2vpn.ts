import { workflow } from '@orchestrator/engine';
import type { NodeData } from '../node/node-product';
import type { L2vpnModel } from './l2vpn-product';

/**
 * Terminate an L2VPN: Start, Lock subscription, Deconfigure circuit, Set subscription terminated, Unlock
 * subscription, Done. Its ports can be terminated afterwards.
 */
export const terminateL2vpn = workflow
  .terminate({ name: 'terminate_l2vpn', product: 'l2vpn', description: 'Terminate an L2VPN' })
  .step('Deconfigure circuit', async (state, ctx) => {
    const l2vpn = await ctx.subscriptions.load<L2vpnModel>(state.subscriptionId);
    const devices = (l2vpn.data.endpoints ?? []).map((endpoint) => {
      const node = endpoint.port?.node as Partial<NodeData> | undefined;
      return `${String(node?.hostname)}:${String(endpoint.port?.portName)}`;
    });
    return { deconfigured: devices };
  })
  .build();
