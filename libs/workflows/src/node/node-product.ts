import { z } from 'zod';
import { defineProduct } from '@orchestrator/engine';

export const NODE_ROLES = ['core', 'edge', 'access'] as const;

/** What a node subscription holds; every write is validated against it. */
export const nodeData = z.object({
  hostname: z.string().regex(/^[a-z][a-z0-9-]{0,62}$/, 'lower-case letters, digits and dashes, starting with a letter'),
  role: z.enum(NODE_ROLES),
  site: z.string().min(1),
  /** Allocated from the loopback pool by create_node's "Provision node" step. */
  loopbackAddress: z.ipv4().optional(),
});
export type NodeData = z.infer<typeof nodeData>;

/** The example product: a network node (router) at a site, with a loopback address from a pool. */
export const nodeProduct = defineProduct({
  name: 'node',
  productType: 'Node',
  tag: 'NODE',
  description: 'A network node (router) at a site, with a loopback address from the pool',
  fixedInputs: { vendor: 'generic', loopbackPrefixLength: '32' },
  data: nodeData,
  workflows: ['create_node', 'modify_node', 'terminate_node', 'validate_node'],
});
