import { workflow } from '@orchestrator/engine';
import { interfaceIndex } from './port-inventory';
import type { PortModel } from './port-product';

function assertion(message: string): Error {
  return Object.assign(new Error(message), { name: 'AssertionError' });
}

/** Validate a port: its node is still active, and the device's interface index is the one recorded. */
export const validatePort = workflow
  .validate({ name: 'validate_port', product: 'port', description: 'Check a port against its node and device' })
  .step('Check port', async (state, ctx) => {
    const port = await ctx.subscriptions.load<PortModel>(state.subscriptionId);
    const nodeId = port.data.node?.ownerSubscriptionId;
    const node = nodeId ? await ctx.subscriptions.get(nodeId) : null;
    if (!node || node.status !== 'active') throw assertion(`port ${port.id}: its node ${String(nodeId)} is not active`);
    const expected = interfaceIndex(String(port.data.portName));
    if (port.data.ifIndex !== expected) {
      throw assertion(
        `port ${port.id}: the device says ifIndex ${expected}, the port says ${String(port.data.ifIndex)}`,
      );
    }
    return { validatedIfIndex: expected };
  })
  .build();
