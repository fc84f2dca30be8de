import { z } from 'zod';
import { workflow } from '@orchestrator/engine';
import { PORT_SPEEDS, vlanRange, type PortModel } from './port-product';

/**
 * Modify a port: Start, Lock subscription, Check services on the port, Update port, Unlock subscription, Done.
 * The L2VPNs using the port see the change in their data in the same transaction.
 */
export const modifyPort = workflow
  .modify({
    name: 'modify_port',
    product: 'port',
    description: "Change a port's speed or VLAN range",
    input: z.object({ speed: z.literal(PORT_SPEEDS).optional(), vlanRange: vlanRange.optional() }),
    startPredicate: (input) =>
      input.speed !== undefined || input.vlanRange !== undefined || 'nothing to change: give a speed or a VLAN range',
  })
  .step('Check services on the port', async (state, ctx) => {
    const port = await ctx.subscriptions.load<PortModel>(state.subscriptionId);
    const range = state.vlanRange ?? port.data.vlanRange;
    const outside: string[] = [];
    for (const id of port.inUseBy) {
      const service = await ctx.subscriptions.get(id);
      const vlan = service.data.vlan as number | undefined;
      if (service.status !== 'terminated' && range && vlan !== undefined && (vlan < range.from || vlan > range.to)) {
        outside.push(`${service.id} (VLAN ${vlan})`);
      }
    }
    if (outside.length > 0) throw new Error(`the VLAN range leaves out services on the port: ${outside.join(', ')}`);
    return { services: port.inUseBy };
  })
  .step('Update port', async (state, ctx) => {
    const port = await ctx.subscriptions.load<PortModel>(state.subscriptionId);
    const data = {
      ...port.data,
      speed: state.speed ?? port.data.speed,
      vlanRange: state.vlanRange ?? port.data.vlanRange,
    };
    await ctx.subscriptions.save({ id: port.id, data });
    return { previous: { speed: port.data.speed, vlanRange: port.data.vlanRange } };
  })
  .build();
