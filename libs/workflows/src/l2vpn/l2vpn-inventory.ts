import type { Subscription, SubscriptionReader } from '@orchestrator/engine';
import { HOLDING_STATUSES } from '../port/port-inventory';
import type { PortModel } from '../port/port-product';
import type { L2vpnModel } from './l2vpn-product';

/** The VLANs services already use on each port block (by the port's instance id), besides `except`. */
export async function vlansInUse(reader: SubscriptionReader, except?: string): Promise<Map<string, number[]>> {
  const services = await reader.list({ productName: 'l2vpn', status: HOLDING_STATUSES, limit: 1000 });
  const used = new Map<string, number[]>();
  for (const service of services) {
    if (service.id === except) continue;
    const data = service.data as L2vpnModel;
    for (const endpoint of data.endpoints ?? []) {
      const port = endpoint.port?.subscriptionInstanceId;
      if (port && data.vlan !== undefined) used.set(port, [...(used.get(port) ?? []), data.vlan]);
    }
  }
  return used;
}

/** Why the port cannot carry `vlan` now, or null when it can. */
export function portRefusal(port: Subscription, vlan: number, inUse: ReadonlyMap<string, number[]>): string | null {
  const data = port.data as PortModel;
  if (port.productName !== 'port') return `${port.id} is not a port`;
  if (port.status !== 'active' || !port.insync) return `port ${port.id} is not active and in sync`;
  const range = data.vlanRange;
  if (!range || vlan < range.from || vlan > range.to) {
    return `VLAN ${vlan} is outside the range of port ${port.id} (${range ? `${range.from}-${range.to}` : 'none'})`;
  }
  if ((inUse.get(String(data.subscriptionInstanceId)) ?? []).includes(vlan)) {
    return `port ${port.id} already carries VLAN ${vlan}`;
  }
  return null;
}
