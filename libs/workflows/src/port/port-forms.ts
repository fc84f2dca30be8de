import { z } from 'zod';
import { formPage, OrchestratorError, type FormContext } from '@orchestrator/engine';
import { choiceOf } from '../form-choices';
import type { NodeData } from '../node/node-product';
import { portsOnNode } from './port-inventory';
import { PORT_SPEEDS, portBlock, vlanRange } from './port-product';

/**
 * create_port's form, two pages: the customer and one of the active nodes (read from the inventory), then
 * the port on it, refusing a name already taken on that node.
 */
export async function* createPortForm(_state: object, ctx: FormContext) {
  const nodes = await ctx.subscriptions.list({ productName: 'node', status: 'active', insync: true });
  if (nodes.length === 0) {
    throw new OrchestratorError('VALIDATION_FAILED', 'there is no active node in sync to put a port on');
  }
  const chosen = yield* formPage(
    z.object({
      customerId: z.string().min(1),
      nodeSubscriptionId: choiceOf(
        nodes.map((node) => {
          const data = node.data as NodeData;
          return { id: node.id, title: `${data.hostname} (${data.role} at ${data.site})` };
        }),
        'The node the port is on',
      ),
    }),
  );
  const taken = (await portsOnNode(ctx.subscriptions, chosen.nodeSubscriptionId)).map((port) => port.data.portName);
  const port = yield* formPage(
    z.object({
      portName: portBlock.resources.portName.refine(
        (name) => !taken.includes(name),
        'this node has a port of that name',
      ),
      speed: z.literal(PORT_SPEEDS).default(10000),
      vlanRange: vlanRange.default({ from: 2, to: 4094 }),
    }),
  );
  return { ...chosen, ...port };
}
