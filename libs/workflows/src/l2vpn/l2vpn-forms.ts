import { z } from 'zod';
import { formPage, OrchestratorError, type FormContext, type Subscription } from '@orchestrator/engine';
import { choiceOf } from '../form-choices';
import type { NodeData } from '../node/node-product';
import type { PortModel } from '../port/port-product';
import { portRefusal, vlansInUse } from './l2vpn-inventory';

const MAX_ENDPOINTS = 8;

function portTitle(port: Subscription): string {
  const data = port.data as PortModel;
  const node = data.node as Partial<NodeData> | undefined;
  return `${node?.hostname ?? '?'} ${String(data.portName)} (${String(data.speed)} Mbit/s)`;
}

/**
 * create_l2vpn's form, page by page (ENGINE.md 13.7): the customer, VLAN and speed; then a first port and a
 * second one, chosen among the active ports that can carry the VLAN; then, while asked for, one more (up to
 * eight endpoints). Every list of ports is read from the inventory when the page is built.
 */
export async function* createL2vpnForm(_state: object, ctx: FormContext) {
  const service = yield* formPage(
    z.object({
      customerId: z.string().min(1),
      vlan: z.number().int().min(1).max(4094),
      speed: z.number().int().positive().default(1000),
    }),
  );
  const [ports, inUse] = await Promise.all([
    ctx.subscriptions.list({ productName: 'port', status: 'active', insync: true, limit: 1000 }),
    vlansInUse(ctx.subscriptions),
  ]);
  const usable = ports.filter((port) => portRefusal(port, service.vlan, inUse) === null);
  if (usable.length < 2) {
    throw new OrchestratorError(
      'VALIDATION_FAILED',
      `only ${usable.length} active port(s) can carry VLAN ${service.vlan}: an L2VPN needs two`,
      [{ path: '0.vlan', message: 'not enough ports can carry this VLAN' }],
    );
  }
  const chosen: string[] = [];
  const portChoice = () =>
    choiceOf(
      usable.filter((port) => !chosen.includes(port.id)).map((port) => ({ id: port.id, title: portTitle(port) })),
      `Endpoint ${chosen.length + 1}: a port that can carry VLAN ${service.vlan}`,
    );
  chosen.push((yield* formPage(z.object({ port: portChoice() }))).port);
  // The second port and every later one: with "add another" while there is room for one more.
  let more = true;
  while (more && chosen.length < Math.min(MAX_ENDPOINTS, usable.length)) {
    const room = chosen.length + 1 < Math.min(MAX_ENDPOINTS, usable.length);
    const answer = yield* formPage(
      z.object({ port: portChoice(), ...(room ? { addAnother: z.boolean().default(false) } : {}) }),
    );
    chosen.push(answer.port);
    more = (answer as { addAnother?: boolean }).addAnother === true;
  }
  return { ...service, portSubscriptionIds: chosen };
}
