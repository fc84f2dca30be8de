import { EntitySchema } from 'typeorm';

export interface SubscriptionRow {
  subscriptionId: string;
  productId: string;
  customerId: string;
  description: string;
  status: string;
  insync: boolean;
  startDate: Date | null;
  endDate: Date | null;
  note: string | null;
  /** Incremented by every update. */
  version: number;
  data: Record<string, unknown>;
  createdAt: Date;
}

export const SubscriptionEntity = new EntitySchema<SubscriptionRow>({
  name: 'Subscription',
  tableName: 'subscriptions',
  columns: {
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
    data: { type: 'jsonb' },
    createdAt: { name: 'created_at', type: 'timestamptz', createDate: true },
  },
});
