import { workflow } from '@orchestrator/engine';
import type { L2vpnModel } from './l2vpn-product';

function assertion(message: string): Error {
  return Object.assign(new Error(message), { name: 'AssertionError' });
}

/** Validate an L2VPN: every endpoint's port is active and still lets the VLAN through. */
export const validateL2vpn = workflow
  .validate({ name: 'validate_l2vpn', product: 'l2vpn', description: 'Check an L2VPN against its ports' })
  .step('Check endpoints', async (state, ctx) => {
    const l2vpn = await ctx.subscriptions.load<L2vpnModel>(state.subscriptionId);
    const vlan = l2vpn.data.vlan ?? 0;
    for (const [index, endpoint] of (l2vpn.data.endpoints ?? []).entries()) {
      const port = endpoint.port;
      const owner = port?.ownerSubscriptionId ? await ctx.subscriptions.get(port.ownerSubscriptionId) : null;
      if (!owner || owner.status !== 'active') throw assertion(`endpoint ${index}: its port is not active`);
      const range = port?.vlanRange;
      if (!range || vlan < range.from || vlan > range.to) {
        throw assertion(`endpoint ${index}: port ${owner.id} does not let VLAN ${vlan} through`);
      }
    }
    return { validatedEndpoints: l2vpn.data.endpoints?.length ?? 0 };
  })
  .build();
