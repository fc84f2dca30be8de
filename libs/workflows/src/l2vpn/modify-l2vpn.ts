import { z } from 'zod';
import { workflow } from '@orchestrator/engine';
import { portRefusal, vlansInUse } from './l2vpn-inventory';
import type { L2vpnModel } from './l2vpn-product';

/** Modify an L2VPN: Start, Lock subscription, Update circuit, Unlock subscription, Done. */
export const modifyL2vpn = workflow
  .modify({
    name: 'modify_l2vpn',
    product: 'l2vpn',
    description: "Change an L2VPN's VLAN or speed",
    input: z.object({
      vlan: z.number().int().min(1).max(4094).optional(),
      speed: z.number().int().positive().optional(),
    }),
    startPredicate: (input) =>
      input.vlan !== undefined || input.speed !== undefined || 'nothing to change: give a VLAN or a speed',
  })
  .step('Update circuit', async (state, ctx) => {
    const l2vpn = await ctx.subscriptions.load<L2vpnModel>(state.subscriptionId);
    const vlan = state.vlan ?? l2vpn.data.vlan ?? 0;
    if (vlan !== l2vpn.data.vlan) {
      const inUse = await vlansInUse(ctx.subscriptions, l2vpn.id);
      for (const endpoint of l2vpn.data.endpoints ?? []) {
        const portId = endpoint.port?.ownerSubscriptionId;
        const refusal = portId
          ? portRefusal(await ctx.subscriptions.get(portId), vlan, inUse)
          : 'an endpoint has no port';
        // A port being changed by another process is out of sync; the VLAN only has to fit.
        if (refusal && !refusal.includes('in sync')) throw new Error(refusal);
      }
    }
    await ctx.subscriptions.save({
      id: l2vpn.id,
      data: { ...l2vpn.data, vlan, speed: state.speed ?? l2vpn.data.speed },
    });
    return { previous: { vlan: l2vpn.data.vlan, speed: l2vpn.data.speed } };
  })
  .build();
