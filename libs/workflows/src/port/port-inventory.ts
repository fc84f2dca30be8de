import type { Subscription, SubscriptionReader } from '@orchestrator/engine';

/** Lifecycle statuses of subscriptions that hold their resources (everything but terminated). */
export const HOLDING_STATUSES = ['initial', 'provisioning', 'active', 'disabled', 'migrating'] as const;

/** The ports on a node that are not terminated. */
export async function portsOnNode(reader: SubscriptionReader, nodeSubscriptionId: string): Promise<Subscription[]> {
  const ports = await reader.list({ productName: 'port', status: HOLDING_STATUSES, limit: 1000 });
  return ports.filter(
    (port) =>
      (port.data.node as { ownerSubscriptionId?: string } | undefined)?.ownerSubscriptionId === nodeSubscriptionId,
  );
}

/**
 * The device's interface index of a port name: slot * 1000 + card * 100 + port + 1 (ge-0/0/1 is 2). Stands in
 * for asking the device, as the node example's pushConfiguration stands in for configuring it.
 */
export function interfaceIndex(portName: string): number {
  const [slot = 0, card = 0, port = 0] = (portName.split('-')[1] ?? '').split('/').map(Number);
  return slot * 1000 + card * 100 + port + 1;
}
