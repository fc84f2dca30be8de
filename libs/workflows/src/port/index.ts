import { createPort } from './create-port';
import { modifyPort } from './modify-port';
import { portProduct } from './port-product';
import { terminatePort } from './terminate-port';
import { validatePort } from './validate-port';

export { createPort, modifyPort, terminatePort, validatePort, portProduct };
export { portBlock, PORT_SPEEDS, vlanRange, type PortModel } from './port-product';

/** The port product's workflows. */
export const portWorkflows = [createPort, modifyPort, terminatePort, validatePort];
