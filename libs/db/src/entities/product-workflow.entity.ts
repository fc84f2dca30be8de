import { EntitySchema } from 'typeorm';
import type { ColumnsOf } from './entity-columns';
import { ProductEntity, type ProductRow } from './product.entity';
import { WorkflowEntity, type WorkflowRow } from './workflow.entity';

/** A workflow that may run on the product's subscriptions. */
export interface ProductWorkflowRow {
  productId: string;
  workflowId: string;
}

export interface ProductWorkflowRelations {
  product?: ProductRow;
  workflow?: WorkflowRow;
}

const columns: ColumnsOf<ProductWorkflowRow> = {
  productId: { name: 'product_id', type: 'uuid', primary: true },
  workflowId: { name: 'workflow_id', type: 'uuid', primary: true },
};

export const ProductWorkflowEntity = new EntitySchema<ProductWorkflowRow & ProductWorkflowRelations>({
  name: 'ProductWorkflow',
  tableName: 'product_workflows',
  columns,
  relations: {
    product: {
      type: 'many-to-one',
      target: ProductEntity,
      joinColumn: { name: 'product_id', foreignKeyConstraintName: 'product_workflows_product_id_fkey' },
      onDelete: 'CASCADE',
    },
    workflow: {
      type: 'many-to-one',
      target: WorkflowEntity,
      joinColumn: { name: 'workflow_id', foreignKeyConstraintName: 'product_workflows_workflow_id_fkey' },
      onDelete: 'CASCADE',
    },
  },
  indices: [{ name: 'product_workflows_workflow_idx', columns: ['workflowId'] }],
});
