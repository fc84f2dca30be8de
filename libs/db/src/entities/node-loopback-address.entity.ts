import { EntitySchema } from 'typeorm';
import type { ColumnsOf } from './entity-columns';
import { SubscriptionEntity, type SubscriptionRow } from './subscription.entity';

/** The example `node` product's loopback address pool (libs/workflows/src/node): one per subscription. */
export interface NodeLoopbackAddressRow {
  /** inet: node-postgres reads it as its text form. */
  address: string;
  subscriptionId: string | null;
  allocatedAt: Date | null;
}

export interface NodeLoopbackAddressRelations {
  subscription?: SubscriptionRow | null;
}

const columns: ColumnsOf<NodeLoopbackAddressRow> = {
  address: { type: 'inet', primary: true },
  subscriptionId: { name: 'subscription_id', type: 'uuid', nullable: true, unique: true },
  allocatedAt: { name: 'allocated_at', type: 'timestamptz', nullable: true },
};

export const NodeLoopbackAddressEntity = new EntitySchema<NodeLoopbackAddressRow & NodeLoopbackAddressRelations>({
  name: 'NodeLoopbackAddress',
  tableName: 'node_loopback_addresses',
  columns,
  relations: {
    subscription: {
      type: 'many-to-one',
      target: SubscriptionEntity,
      joinColumn: { name: 'subscription_id', foreignKeyConstraintName: 'node_loopback_addresses_subscription_id_fkey' },
      nullable: true,
    },
  },
});
