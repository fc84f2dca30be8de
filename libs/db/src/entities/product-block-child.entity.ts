import { EntitySchema } from 'typeorm';
import { REQUIRED_FROM, type ChildKind, type RequiredFrom } from '@orchestrator/engine';
import { oneOf, type ColumnsOf } from './entity-columns';
import { ProductBlockEntity, type ProductBlockRow } from './product-block.entity';

const CHILD_KINDS: readonly ChildKind[] = ['one', 'optional', 'list'];

/** A child block of a block, under `attribute`: one, optional, or a list of `minCount` to `maxCount`. */
export interface ProductBlockChildRow {
  productBlockId: string;
  attribute: string;
  childBlockId: string;
  kind: ChildKind;
  minCount: number;
  maxCount: number | null;
  requiredFrom: RequiredFrom | null;
}

export interface ProductBlockChildRelations {
  productBlock?: ProductBlockRow;
  childBlock?: ProductBlockRow;
}

const columns: ColumnsOf<ProductBlockChildRow> = {
  productBlockId: { name: 'product_block_id', type: 'uuid', primary: true },
  attribute: { type: 'text', primary: true },
  childBlockId: { name: 'child_block_id', type: 'uuid' },
  kind: { type: 'text' },
  minCount: { name: 'min_count', type: 'integer', default: 0 },
  maxCount: { name: 'max_count', type: 'integer', nullable: true },
  requiredFrom: { name: 'required_from', type: 'text', nullable: true },
};

export const ProductBlockChildEntity = new EntitySchema<ProductBlockChildRow & ProductBlockChildRelations>({
  name: 'ProductBlockChild',
  tableName: 'product_block_children',
  columns,
  relations: {
    productBlock: {
      type: 'many-to-one',
      target: ProductBlockEntity,
      joinColumn: {
        name: 'product_block_id',
        foreignKeyConstraintName: 'product_block_children_product_block_id_fkey',
      },
      onDelete: 'CASCADE',
    },
    childBlock: {
      type: 'many-to-one',
      target: ProductBlockEntity,
      joinColumn: { name: 'child_block_id', foreignKeyConstraintName: 'product_block_children_child_block_id_fkey' },
      onDelete: 'CASCADE',
    },
  },
  indices: [{ name: 'product_block_children_child_idx', columns: ['childBlockId'] }],
  checks: [
    { name: 'product_block_children_kind_check', expression: oneOf('kind', CHILD_KINDS) },
    { name: 'product_block_children_required_from_check', expression: oneOf('required_from', REQUIRED_FROM) },
    {
      name: 'product_block_children_check',
      expression: 'min_count >= 0 AND (max_count IS NULL OR max_count >= GREATEST(min_count, 1))',
    },
  ],
});
