import { EntitySchema } from 'typeorm';

/** `inUseById` depends on `dependsOnId`. */
export interface SubscriptionRelationRow {
  inUseById: string;
  dependsOnId: string;
  createdAt: Date;
}

export const SubscriptionRelationEntity = new EntitySchema<SubscriptionRelationRow>({
  name: 'SubscriptionRelation',
  tableName: 'subscription_relations',
  columns: {
    inUseById: { name: 'in_use_by_id', type: 'uuid', primary: true },
    dependsOnId: { name: 'depends_on_id', type: 'uuid', primary: true },
    createdAt: { name: 'created_at', type: 'timestamptz', createDate: true },
  },
});
