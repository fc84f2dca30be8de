import { EntitySchema } from 'typeorm';
import type { ColumnsOf } from './entity-columns';

/** A product block (ENGINE.md 13.1), upserted at start-up from the code's definitions. */
export interface ProductBlockRow {
  productBlockId: string;
  name: string;
  description: string;
  tag: string;
  createdAt: Date;
}

const columns: ColumnsOf<ProductBlockRow> = {
  productBlockId: { name: 'product_block_id', type: 'uuid', primary: true, generated: 'uuid' },
  name: { type: 'text', unique: true },
  description: { type: 'text' },
  tag: { type: 'text' },
  createdAt: { name: 'created_at', type: 'timestamptz', createDate: true },
};

export const ProductBlockEntity = new EntitySchema<ProductBlockRow>({
  name: 'ProductBlock',
  tableName: 'product_blocks',
  columns,
});
