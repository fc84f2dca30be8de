import type { LinkedProcessRecord, ProductRecord } from '@orchestrator/db';
import type { WorkflowTarget } from '@orchestrator/engine';

/** A product as the API shows it. */
export function productJson(product: ProductRecord) {
  return {
    id: product.id,
    name: product.name,
    description: product.description,
    productType: product.productType,
    tag: product.tag,
    status: product.status,
    createdAt: product.createdAt,
    endDate: product.endDate,
    fixedInputs: product.fixedInputs,
    workflows: product.workflows,
  };
}

/** A process linked to a subscription, as the subscription detail lists it. */
export function linkedProcessJson(process: LinkedProcessRecord) {
  return {
    id: process.processId,
    workflowName: process.workflowName,
    workflowTarget: process.workflowTarget as WorkflowTarget,
    status: process.status,
    startedAt: process.startedAt,
    lastModifiedAt: process.lastModifiedAt,
  };
}
