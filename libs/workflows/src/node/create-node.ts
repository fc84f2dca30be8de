import { z } from 'zod';
import { workflow } from '@orchestrator/engine';
import { allocateLoopback, pushConfiguration } from './node-resources';
import { NODE_ROLES, type NodeData } from './node-product';

/** Create a node: Start, Create subscription, Provision node, Set subscription active, Unlock subscription, Done. */
export const createNode = workflow
  .create({
    name: 'create_node',
    product: 'node',
    description: 'Create a network node: allocate its loopback address and configure it',
    input: z.object({
      customerId: z.string().min(1),
      hostname: z.string().regex(/^[a-z][a-z0-9-]{0,62}$/),
      role: z.enum(NODE_ROLES),
      site: z.string().min(1),
      /** An existing active node this one hangs off: the new node depends on it. */
      uplinkSubscriptionId: z.uuid().optional(),
    }),
  })
  .step('Create subscription', async (state, ctx) => {
    const data: NodeData = { hostname: state.hostname, role: state.role, site: state.site };
    const subscription = await ctx.subscriptions.create({
      productName: 'node',
      customerId: state.customerId,
      description: `Node ${data.hostname} (${data.role}) at ${data.site}`,
      data,
    });
    if (state.uplinkSubscriptionId) {
      // Shared row lock until this step commits: a terminate of the uplink cannot start meanwhile, and one
      // that started first has taken it out of sync, which is refused here.
      await ctx.tx.query('SELECT 1 FROM subscriptions WHERE subscription_id = $1 FOR SHARE', [
        state.uplinkSubscriptionId,
      ]);
      const uplink = await ctx.subscriptions.get(state.uplinkSubscriptionId);
      if (uplink.productName !== 'node' || uplink.status !== 'active' || !uplink.insync) {
        throw new Error(`uplink ${uplink.id} is not an active node in sync`);
      }
      await ctx.subscriptions.relate(subscription.id, uplink.id);
    }
    return { subscriptionId: subscription.id };
  })
  // One transaction: if configuring fails, the address goes back to the pool with everything else.
  .step('Provision node', async (state, ctx) => {
    const subscription = await ctx.subscriptions.get(state.subscriptionId);
    const loopbackAddress = await allocateLoopback(ctx.tx, subscription.id);
    await ctx.subscriptions.update(subscription.id, { data: { ...subscription.data, loopbackAddress } });
    await ctx.subscriptions.setStatus(subscription.id, 'provisioning');
    const device = await pushConfiguration(ctx.tx, subscription.data.site, subscription.data.hostname);
    return { loopbackAddress, device };
  })
  .build();
