import { workflow } from '@orchestrator/engine';
import { pushConfiguration } from '../node/node-resources';
import type { NodeData } from '../node/node-product';
import { createPortForm } from './port-forms';
import { interfaceIndex } from './port-inventory';
import type { PortModel } from './port-product';

/**
 * Create a port: Start, Create subscription, Configure port, Set subscription active, Unlock subscription, Done.
 * The input is a two-page form (the node, then the port).
 */
export const createPort = workflow
  .create({
    name: 'create_port',
    product: 'port',
    description: 'Create a port on an active node',
    input: createPortForm,
  })
  .step('Create subscription', async (state, ctx) => {
    const node = await ctx.subscriptions.load(state.nodeSubscriptionId);
    if (node.productName !== 'node' || node.status !== 'active' || !node.insync) {
      throw new Error(`node ${node.id} is not an active node in sync`);
    }
    const port = await ctx.subscriptions.create({
      productName: 'port',
      customerId: state.customerId,
      description: `Port ${state.portName} on ${(node.data as unknown as NodeData).hostname}`,
      // The node's root block, owned by the node subscription: only the relation to it is stored.
      data: {
        portName: state.portName,
        speed: state.speed,
        vlanRange: state.vlanRange,
        node: { subscriptionInstanceId: node.data.subscriptionInstanceId },
      },
    });
    return { subscriptionId: port.id };
  })
  // One transaction: if the node's site is closed for changes, nothing of this step is kept.
  .step('Configure port', async (state, ctx) => {
    const port = await ctx.subscriptions.load<PortModel>(state.subscriptionId);
    const node = port.data.node as unknown as NodeData;
    const device = await pushConfiguration(ctx.tx, node.site, node.hostname);
    const ifIndex = interfaceIndex(String(port.data.portName));
    await ctx.subscriptions.save({ id: port.id, data: { ...port.data, ifIndex }, status: 'provisioning' });
    return { device, ifIndex };
  })
  .build();
