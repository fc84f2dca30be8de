import { workflow } from '@orchestrator/engine';
import { pushConfiguration } from '../node/node-resources';
import type { NodeData } from '../node/node-product';
import type { PortModel } from '../port/port-product';
import { createL2vpnForm } from './l2vpn-forms';
import { portRefusal, vlansInUse } from './l2vpn-inventory';
import type { L2vpnModel } from './l2vpn-product';

/**
 * Create an L2VPN: Start, Create subscription, Provision circuit, Set subscription active, Unlock subscription,
 * Done. The form chooses the ports page by page; the subscription's endpoints use the ports' blocks.
 */
export const createL2vpn = workflow
  .create({
    name: 'create_l2vpn',
    product: 'l2vpn',
    description: 'Create an L2VPN between two or more active ports',
    input: createL2vpnForm,
  })
  .step('Create subscription', async (state, ctx) => {
    // Checked again now: the inventory may have changed since the form was filled in.
    const inUse = await vlansInUse(ctx.subscriptions);
    const ports = await Promise.all(state.portSubscriptionIds.map((id) => ctx.subscriptions.load<PortModel>(id)));
    for (const port of ports) {
      const refusal = portRefusal({ ...port, data: port.data }, state.vlan, inUse);
      if (refusal) throw new Error(refusal);
    }
    const data: L2vpnModel = {
      vlan: state.vlan,
      speed: state.speed,
      endpoints: ports.map((port) => ({ port: { subscriptionInstanceId: port.data.subscriptionInstanceId } })),
    };
    const l2vpn = await ctx.subscriptions.create({
      productName: 'l2vpn',
      customerId: state.customerId,
      description: `L2VPN VLAN ${state.vlan} on ${ports.length} ports`,
      data,
    });
    return { subscriptionId: l2vpn.id };
  })
  .step('Provision circuit', async (state, ctx) => {
    const l2vpn = await ctx.subscriptions.load<L2vpnModel>(state.subscriptionId);
    const devices: string[] = [];
    for (const endpoint of l2vpn.data.endpoints ?? []) {
      const node = endpoint.port?.node as Partial<NodeData> | undefined;
      devices.push(await pushConfiguration(ctx.tx, String(node?.site), String(node?.hostname)));
    }
    await ctx.subscriptions.setStatus(l2vpn.id, 'provisioning');
    return { devices };
  })
  .build();
