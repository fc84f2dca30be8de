import { EntitySchema } from 'typeorm';
import type { ColumnsOf } from './entity-columns';
import { ProductBlockEntity, type ProductBlockRow } from './product-block.entity';
import { SubscriptionEntity, type SubscriptionRow } from './subscription.entity';

/** One instance of a product block, owned by a subscription; `isRoot` for the root of its owner's tree. */
export interface SubscriptionInstanceRow {
  subscriptionInstanceId: string;
  subscriptionId: string;
  productBlockId: string;
  isRoot: boolean;
  createdAt: Date;
}

export interface SubscriptionInstanceRelations {
  subscription?: SubscriptionRow;
  productBlock?: ProductBlockRow;
}

const columns: ColumnsOf<SubscriptionInstanceRow> = {
  subscriptionInstanceId: { name: 'subscription_instance_id', type: 'uuid', primary: true, generated: 'uuid' },
  subscriptionId: { name: 'subscription_id', type: 'uuid' },
  productBlockId: { name: 'product_block_id', type: 'uuid' },
  isRoot: { name: 'is_root', type: 'boolean', default: false },
  createdAt: { name: 'created_at', type: 'timestamptz', createDate: true },
};

export const SubscriptionInstanceEntity = new EntitySchema<SubscriptionInstanceRow & SubscriptionInstanceRelations>({
  name: 'SubscriptionInstance',
  tableName: 'subscription_instances',
  columns,
  relations: {
    subscription: {
      type: 'many-to-one',
      target: SubscriptionEntity,
      joinColumn: { name: 'subscription_id', foreignKeyConstraintName: 'subscription_instances_subscription_id_fkey' },
      onDelete: 'CASCADE',
    },
    productBlock: {
      type: 'many-to-one',
      target: ProductBlockEntity,
      joinColumn: {
        name: 'product_block_id',
        foreignKeyConstraintName: 'subscription_instances_product_block_id_fkey',
      },
    },
  },
  indices: [
    { name: 'subscription_instances_subscription_idx', columns: ['subscriptionId'] },
    { name: 'subscription_instances_root_idx', columns: ['subscriptionId'], unique: true, where: 'is_root' },
    { name: 'subscription_instances_block_idx', columns: ['productBlockId'] },
  ],
});
