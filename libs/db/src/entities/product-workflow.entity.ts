import { EntitySchema } from 'typeorm';

/** A workflow that may run on the product's subscriptions. */
export interface ProductWorkflowRow {
  productId: string;
  workflowId: string;
}

export const ProductWorkflowEntity = new EntitySchema<ProductWorkflowRow>({
  name: 'ProductWorkflow',
  tableName: 'product_workflows',
  columns: {
    productId: { name: 'product_id', type: 'uuid', primary: true },
    workflowId: { name: 'workflow_id', type: 'uuid', primary: true },
  },
});
