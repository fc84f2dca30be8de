import { EntitySchema } from 'typeorm';

export interface ProductFixedInputRow {
  productId: string;
  name: string;
  value: string;
  createdAt: Date;
}

export const ProductFixedInputEntity = new EntitySchema<ProductFixedInputRow>({
  name: 'ProductFixedInput',
  tableName: 'product_fixed_inputs',
  columns: {
    productId: { name: 'product_id', type: 'uuid', primary: true },
    name: { type: 'text', primary: true },
    value: { type: 'text' },
    createdAt: { name: 'created_at', type: 'timestamptz', createDate: true },
  },
});
