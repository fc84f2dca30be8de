import { EntitySchema } from 'typeorm';
import { PRODUCT_STATUSES, type ProductStatus } from '@orchestrator/engine';
import { oneOf, type ColumnsOf } from './entity-columns';
import { ProductBlockEntity, type ProductBlockRow } from './product-block.entity';

export interface ProductRow {
  productId: string;
  name: string;
  description: string;
  productType: string;
  tag: string;
  status: ProductStatus;
  createdAt: Date;
  endDate: Date | null;
  /** The product's root block (ENGINE.md 13.1). */
  rootBlockId: string | null;
}

export interface ProductRelations {
  rootBlock?: ProductBlockRow;
}

const columns: ColumnsOf<ProductRow> = {
  productId: { name: 'product_id', type: 'uuid', primary: true, generated: 'uuid' },
  name: { type: 'text', unique: true },
  description: { type: 'text' },
  productType: { name: 'product_type', type: 'text' },
  tag: { type: 'text' },
  status: { type: 'text', default: 'active' },
  createdAt: { name: 'created_at', type: 'timestamptz', createDate: true },
  endDate: { name: 'end_date', type: 'timestamptz', nullable: true },
  rootBlockId: { name: 'root_block_id', type: 'uuid', nullable: true },
};

export const ProductEntity = new EntitySchema<ProductRow & ProductRelations>({
  name: 'Product',
  tableName: 'products',
  columns,
  relations: {
    rootBlock: {
      type: 'many-to-one',
      target: ProductBlockEntity,
      joinColumn: { name: 'root_block_id', foreignKeyConstraintName: 'products_root_block_id_fkey' },
    },
  },
  checks: [{ name: 'products_status_check', expression: oneOf('status', PRODUCT_STATUSES) }],
});
