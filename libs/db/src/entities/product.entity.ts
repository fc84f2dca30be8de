import { EntitySchema } from 'typeorm';

export interface ProductRow {
  productId: string;
  name: string;
  description: string;
  productType: string;
  tag: string;
  status: string;
  createdAt: Date;
  endDate: Date | null;
}

export const ProductEntity = new EntitySchema<ProductRow>({
  name: 'Product',
  tableName: 'products',
  columns: {
    productId: { name: 'product_id', type: 'uuid', primary: true, generated: 'uuid' },
    name: { type: 'text', unique: true },
    description: { type: 'text' },
    productType: { name: 'product_type', type: 'text' },
    tag: { type: 'text' },
    status: { type: 'text', default: 'active' },
    createdAt: { name: 'created_at', type: 'timestamptz', createDate: true },
    endDate: { name: 'end_date', type: 'timestamptz', nullable: true },
  },
});
