import { z } from 'zod';
import { defineProduct, defineProductBlock, list, type BlockModel } from '@orchestrator/engine';
import { portBlock } from '../port/port-product';

/** One end of an L2VPN: the port block of a port subscription, which the L2VPN uses but does not own. */
export const l2vpnEndpointBlock = defineProductBlock({
  name: 'l2vpn_endpoint',
  description: 'One end of an L2VPN, on a port',
  tag: 'EP',
  blocks: { port: portBlock },
  requiredFrom: { port: 'initial' },
});

/**
 * An L2VPN: a VLAN carried between two to eight endpoints. Each endpoint is an instance of this
 * subscription's, whose `port` child is owned by a port subscription (so the port cannot be terminated while
 * the L2VPN is in service, and "which services use port X" is a search on the instance values).
 */
export const l2vpnBlock = defineProductBlock({
  name: 'l2vpn',
  description: 'A VLAN carried between ports',
  tag: 'L2VPN',
  resources: {
    vlan: z.number().int().min(1).max(4094).describe('The VLAN the service uses on every port'),
    speed: z.number().int().positive().describe('Speed in Mbit/s'),
  },
  blocks: { endpoints: list(l2vpnEndpointBlock, { min: 2, max: 8 }) },
  requiredFrom: { vlan: 'initial', speed: 'initial', endpoints: 'initial' },
});
export type L2vpnModel = BlockModel<typeof l2vpnBlock>;

export const l2vpnProduct = defineProduct({
  name: 'l2vpn',
  productType: 'L2VPN',
  tag: 'L2VPN',
  description: 'A layer-2 VPN between ports',
  block: l2vpnBlock,
  workflows: ['create_l2vpn', 'modify_l2vpn', 'terminate_l2vpn', 'validate_l2vpn'],
});
