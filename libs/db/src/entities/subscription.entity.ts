import { EntitySchema } from 'typeorm';
import { SUBSCRIPTION_STATUSES, type SubscriptionStatus } from '@orchestrator/engine';
import { oneOf, type ColumnsOf } from './entity-columns';
import { ProductEntity, type ProductRow } from './product.entity';

export interface SubscriptionRow {
  subscriptionId: string;
  productId: string;
  customerId: string;
  description: string;
  status: SubscriptionStatus;
  insync: boolean;
  startDate: Date | null;
  endDate: Date | null;
  note: string | null;
  /** Incremented by every update. */
  version: number;
  data: Record<string, unknown>;
  /** Milliseconds, as the keyset cursor carries them (a JavaScript Date has no microseconds). */
  createdAt: Date;
}

export interface SubscriptionRelations {
  product?: ProductRow;
}

const columns: ColumnsOf<SubscriptionRow> = {
  subscriptionId: { name: 'subscription_id', type: 'uuid', primary: true, generated: 'uuid' },
  productId: { name: 'product_id', type: 'uuid' },
  customerId: { name: 'customer_id', type: 'text' },
  description: { type: 'text' },
  status: { type: 'text', default: 'initial' },
  insync: { type: 'boolean', default: false },
  startDate: { name: 'start_date', type: 'timestamptz', nullable: true },
  endDate: { name: 'end_date', type: 'timestamptz', nullable: true },
  note: { type: 'text', nullable: true },
  version: { type: 'integer', default: 1 },
  data: { type: 'jsonb', default: {} },
  createdAt: {
    name: 'created_at',
    type: 'timestamptz',
    createDate: true,
    default: () => `date_trunc('milliseconds', clock_timestamp())`,
  },
};

// The list is keyset-paginated on (created_at DESC, subscription_id DESC), filtered by one column; TypeORM
// cannot say DESC, so these indexes are declared for their names and columns and left to the migrations.
const listing = (name: string, filter: (keyof SubscriptionRow)[], where?: string) => ({
  name,
  columns: [...filter, 'createdAt', 'subscriptionId'],
  where,
  synchronize: false,
});

export const SubscriptionEntity = new EntitySchema<SubscriptionRow & SubscriptionRelations>({
  name: 'Subscription',
  tableName: 'subscriptions',
  columns,
  relations: {
    product: {
      type: 'many-to-one',
      target: ProductEntity,
      joinColumn: { name: 'product_id', foreignKeyConstraintName: 'subscriptions_product_id_fkey' },
    },
  },
  indices: [
    listing('subscriptions_created_idx', []),
    listing('subscriptions_status_created_idx', ['status']),
    listing('subscriptions_product_created_idx', ['productId']),
    listing('subscriptions_customer_created_idx', ['customerId']),
    // Few subscriptions are out of sync at any time, and those are the ones operators look for.
    listing('subscriptions_out_of_sync_idx', [], 'NOT insync'),
    // `sort=` of the list (ENGINE.md 11.2), walked forwards or backwards.
    { name: 'subscriptions_description_sort_idx', columns: ['description', 'subscriptionId'], synchronize: false },
    { name: 'subscriptions_status_sort_idx', columns: ['status', 'subscriptionId'], synchronize: false },
    { name: 'subscriptions_customer_sort_idx', columns: ['customerId', 'subscriptionId'], synchronize: false },
  ],
  checks: [
    { name: 'subscriptions_status_check', expression: oneOf('status', SUBSCRIPTION_STATUSES) },
    { name: 'subscriptions_data_check', expression: `jsonb_typeof(data) = 'object'` },
  ],
});
