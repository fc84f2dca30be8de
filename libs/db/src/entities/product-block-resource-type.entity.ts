import { EntitySchema } from 'typeorm';
import { REQUIRED_FROM, type RequiredFrom } from '@orchestrator/engine';
import { oneOf, type ColumnsOf } from './entity-columns';
import { ProductBlockEntity, type ProductBlockRow } from './product-block.entity';
import { ResourceTypeEntity, type ResourceTypeRow } from './resource-type.entity';

/** A resource of a block; `requiredFrom` null when it may be missing at every lifecycle status. */
export interface ProductBlockResourceTypeRow {
  productBlockId: string;
  resourceTypeId: string;
  requiredFrom: RequiredFrom | null;
}

export interface ProductBlockResourceTypeRelations {
  productBlock?: ProductBlockRow;
  resourceType?: ResourceTypeRow;
}

const columns: ColumnsOf<ProductBlockResourceTypeRow> = {
  productBlockId: { name: 'product_block_id', type: 'uuid', primary: true },
  resourceTypeId: { name: 'resource_type_id', type: 'uuid', primary: true },
  requiredFrom: { name: 'required_from', type: 'text', nullable: true },
};

export const ProductBlockResourceTypeEntity = new EntitySchema<
  ProductBlockResourceTypeRow & ProductBlockResourceTypeRelations
>({
  name: 'ProductBlockResourceType',
  tableName: 'product_block_resource_types',
  columns,
  relations: {
    productBlock: {
      type: 'many-to-one',
      target: ProductBlockEntity,
      joinColumn: {
        name: 'product_block_id',
        foreignKeyConstraintName: 'product_block_resource_types_product_block_id_fkey',
      },
      onDelete: 'CASCADE',
    },
    resourceType: {
      type: 'many-to-one',
      target: ResourceTypeEntity,
      joinColumn: {
        name: 'resource_type_id',
        foreignKeyConstraintName: 'product_block_resource_types_resource_type_id_fkey',
      },
      onDelete: 'CASCADE',
    },
  },
  indices: [{ name: 'product_block_resource_types_resource_type_idx', columns: ['resourceTypeId'] }],
  checks: [
    {
      name: 'product_block_resource_types_required_from_check',
      expression: oneOf('required_from', REQUIRED_FROM),
    },
  ],
});
