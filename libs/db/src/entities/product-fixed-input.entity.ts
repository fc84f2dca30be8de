import { EntitySchema } from 'typeorm';
import type { ColumnsOf } from './entity-columns';
import { ProductEntity, type ProductRow } from './product.entity';

export interface ProductFixedInputRow {
  productId: string;
  name: string;
  value: string;
  createdAt: Date;
}

export interface ProductFixedInputRelations {
  product?: ProductRow;
}

const columns: ColumnsOf<ProductFixedInputRow> = {
  productId: { name: 'product_id', type: 'uuid', primary: true },
  name: { type: 'text', primary: true },
  value: { type: 'text' },
  createdAt: { name: 'created_at', type: 'timestamptz', createDate: true },
};

export const ProductFixedInputEntity = new EntitySchema<ProductFixedInputRow & ProductFixedInputRelations>({
  name: 'ProductFixedInput',
  tableName: 'product_fixed_inputs',
  columns,
  relations: {
    product: {
      type: 'many-to-one',
      target: ProductEntity,
      joinColumn: { name: 'product_id', foreignKeyConstraintName: 'product_fixed_inputs_product_id_fkey' },
      onDelete: 'CASCADE',
    },
  },
});
