import { z } from 'zod';
import { workflow } from '@orchestrator/engine';
import { pushConfiguration } from './node-resources';
import { NODE_ROLES, type NodeData } from './node-product';

/** Modify a node: Start, Lock subscription, Update subscription, Push configuration, Unlock subscription, Done. */
export const modifyNode = workflow
  .modify({
    name: 'modify_node',
    product: 'node',
    description: 'Change the role or site of a network node',
    input: z.object({ role: z.enum(NODE_ROLES).optional(), site: z.string().min(1).optional() }),
    // Refused with 412 before anything is written when the request changes nothing.
    startPredicate: (input, { subscription }) => {
      const data = subscription?.data ?? {};
      const changes =
        (input.role !== undefined && input.role !== data.role) ||
        (input.site !== undefined && input.site !== data.site);
      return changes || 'nothing to change: give a new role or site';
    },
  })
  .step('Update subscription', async (state, ctx) => {
    const subscription = await ctx.subscriptions.get(state.subscriptionId);
    const current = subscription.data as NodeData;
    const data: NodeData = { ...current, role: state.role ?? current.role, site: state.site ?? current.site };
    await ctx.subscriptions.update(subscription.id, {
      data,
      description: `Node ${data.hostname} (${data.role}) at ${data.site}`,
    });
    return { previous: { role: current.role, site: current.site } };
  })
  .step('Push configuration', async (state, ctx) => {
    const subscription = await ctx.subscriptions.get(state.subscriptionId);
    return { device: await pushConfiguration(ctx.tx, subscription.data.site, subscription.data.hostname) };
  })
  .build();
