import { createL2vpn } from './create-l2vpn';
import { l2vpnProduct } from './l2vpn-product';
import { modifyL2vpn } from './modify-l2vpn';
import { terminateL2vpn } from './terminate-l2vpn';
import { validateL2vpn } from './validate-l2vpn';

export { createL2vpn, modifyL2vpn, terminateL2vpn, validateL2vpn, l2vpnProduct };
export { l2vpnBlock, l2vpnEndpointBlock, type L2vpnModel } from './l2vpn-product';

/** The L2VPN product's workflows. */
export const l2vpnWorkflows = [createL2vpn, modifyL2vpn, terminateL2vpn, validateL2vpn];
