import { z } from 'zod';
import { defineProduct, defineProductBlock, type BlockModel } from '@orchestrator/engine';
import { nodeProduct } from '../node/node-product';

/** Port speeds in Mbit/s. */
export const PORT_SPEEDS = [1000, 10000, 100000] as const;

export const vlanRange = z
  .object({ from: z.number().int().min(1).max(4094), to: z.number().int().min(1).max(4094) })
  .refine((range) => range.from <= range.to, { message: 'from must not be above to' });

/**
 * A physical port on a node: its interface name, speed and the VLANs services may use on it. Its `node` is the
 * root block of a node subscription, owned by that subscription: the port depends on the node (which cannot
 * be terminated while the port is in service). The device's interface index arrives when it is configured.
 */
export const portBlock = defineProductBlock({
  name: 'port',
  description: 'A physical port on a node',
  tag: 'PORT',
  resources: {
    portName: z
      .string()
      .regex(/^[a-z]+-\d+\/\d+\/\d+$/, 'an interface name such as ge-0/0/1')
      .describe('Interface name on the node, such as ge-0/0/1'),
    speed: z.literal(PORT_SPEEDS).describe('Speed in Mbit/s'),
    vlanRange: vlanRange.describe('The VLANs services may use on the port'),
    ifIndex: z.number().int().positive().describe("The device's interface index, once configured"),
  },
  blocks: { node: nodeProduct.block },
  // Chosen when the port is ordered; ifIndex only once the device is configured (required when active).
  requiredFrom: { portName: 'initial', speed: 'initial', vlanRange: 'initial', node: 'initial' },
});
export type PortModel = BlockModel<typeof portBlock>;

/** The second example product: a port on a node (libs/engine README, "The product model"). */
export const portProduct = defineProduct({
  name: 'port',
  productType: 'Port',
  tag: 'PORT',
  description: 'A physical port on a network node',
  block: portBlock,
  workflows: ['create_port', 'modify_port', 'terminate_port', 'validate_port'],
});
