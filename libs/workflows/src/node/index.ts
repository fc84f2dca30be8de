import { createNode } from './create-node';
import { modifyNode } from './modify-node';
import { nodeProduct } from './node-product';
import { terminateNode } from './terminate-node';
import { validateNode } from './validate-node';

export { createNode, modifyNode, terminateNode, validateNode, nodeProduct };
export { nodeData, NODE_ROLES, type NodeData } from './node-product';

/** The example product's workflows. */
export const nodeWorkflows = [createNode, modifyNode, terminateNode, validateNode];
