import { EntitySchema } from 'typeorm';
import type { ColumnsOf } from './entity-columns';
import { SubscriptionEntity, type SubscriptionRow } from './subscription.entity';

/** `inUseById` depends on `dependsOnId`. */
export interface SubscriptionRelationRow {
  inUseById: string;
  dependsOnId: string;
  createdAt: Date;
}

export interface SubscriptionRelationRelations {
  inUseBy?: SubscriptionRow;
  dependsOn?: SubscriptionRow;
}

const columns: ColumnsOf<SubscriptionRelationRow> = {
  inUseById: { name: 'in_use_by_id', type: 'uuid', primary: true },
  dependsOnId: { name: 'depends_on_id', type: 'uuid', primary: true },
  createdAt: { name: 'created_at', type: 'timestamptz', createDate: true },
};

export const SubscriptionRelationEntity = new EntitySchema<SubscriptionRelationRow & SubscriptionRelationRelations>({
  name: 'SubscriptionRelation',
  tableName: 'subscription_relations',
  columns,
  relations: {
    inUseBy: {
      type: 'many-to-one',
      target: SubscriptionEntity,
      joinColumn: { name: 'in_use_by_id', foreignKeyConstraintName: 'subscription_relations_in_use_by_id_fkey' },
      onDelete: 'CASCADE',
    },
    dependsOn: {
      type: 'many-to-one',
      target: SubscriptionEntity,
      joinColumn: { name: 'depends_on_id', foreignKeyConstraintName: 'subscription_relations_depends_on_id_fkey' },
      onDelete: 'CASCADE',
    },
  },
  indices: [{ name: 'subscription_relations_depends_on_idx', columns: ['dependsOnId'] }],
  checks: [{ name: 'subscription_relations_check', expression: 'in_use_by_id <> depends_on_id' }],
});
