import { EntitySchema } from 'typeorm';
import { PRODUCT_STATUSES, type ProductStatus } from '@orchestrator/engine';
import { oneOf, type ColumnsOf } from './entity-columns';

export interface ProductRow {
  productId: string;
  name: string;
  description: string;
  productType: string;
  tag: string;
  status: ProductStatus;
  createdAt: Date;
  endDate: Date | null;
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
};

export const ProductEntity = new EntitySchema<ProductRow>({
  name: 'Product',
  tableName: 'products',
  columns,
  checks: [{ name: 'products_status_check', expression: oneOf('status', PRODUCT_STATUSES) }],
});
