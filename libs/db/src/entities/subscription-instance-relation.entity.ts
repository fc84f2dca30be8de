import { EntitySchema } from 'typeorm';
import type { ColumnsOf } from './entity-columns';
import { SubscriptionInstanceEntity, type SubscriptionInstanceRow } from './subscription-instance.entity';

/**
 * The child instance at `attribute` (position `orderId` of a list) of a parent instance. The child may be
 * owned by another subscription: `dependsOn` and `inUseBy` are derived from such relations.
 */
export interface SubscriptionInstanceRelationRow {
  parentInstanceId: string;
  attribute: string;
  orderId: number;
  childInstanceId: string;
  createdAt: Date;
}

export interface SubscriptionInstanceRelationRelations {
  parent?: SubscriptionInstanceRow;
  child?: SubscriptionInstanceRow;
}

const columns: ColumnsOf<SubscriptionInstanceRelationRow> = {
  parentInstanceId: { name: 'parent_instance_id', type: 'uuid', primary: true },
  attribute: { type: 'text', primary: true },
  orderId: { name: 'order_id', type: 'integer', primary: true, default: 0 },
  childInstanceId: { name: 'child_instance_id', type: 'uuid' },
  createdAt: { name: 'created_at', type: 'timestamptz', createDate: true },
};

export const SubscriptionInstanceRelationEntity = new EntitySchema<
  SubscriptionInstanceRelationRow & SubscriptionInstanceRelationRelations
>({
  name: 'SubscriptionInstanceRelation',
  tableName: 'subscription_instance_relations',
  columns,
  relations: {
    parent: {
      type: 'many-to-one',
      target: SubscriptionInstanceEntity,
      joinColumn: {
        name: 'parent_instance_id',
        foreignKeyConstraintName: 'subscription_instance_relations_parent_instance_id_fkey',
      },
      onDelete: 'CASCADE',
    },
    child: {
      type: 'many-to-one',
      target: SubscriptionInstanceEntity,
      joinColumn: {
        name: 'child_instance_id',
        foreignKeyConstraintName: 'subscription_instance_relations_child_instance_id_fkey',
      },
    },
  },
  indices: [{ name: 'subscription_instance_relations_child_idx', columns: ['childInstanceId'] }],
  checks: [
    { name: 'subscription_instance_relations_order_id_check', expression: 'order_id >= 0' },
    { name: 'subscription_instance_relations_check', expression: 'parent_instance_id <> child_instance_id' },
  ],
});
