import { EntitySchema } from 'typeorm';
import type { ColumnsOf } from './entity-columns';
import { ProcessEntity, type ProcessRow } from './process.entity';
import { SubscriptionEntity, type SubscriptionRow } from './subscription.entity';

/** A process linked to a subscription; `locked` when the process took it out of sync and puts it back. */
export interface ProcessSubscriptionRow {
  processId: string;
  subscriptionId: string;
  locked: boolean;
  createdAt: Date;
  /** The subscription as the process found it (recorded by "Lock subscription", or when it was linked). */
  before: Record<string, unknown> | null;
  /** The subscription as the process left it (recorded by "Unlock subscription"). */
  after: Record<string, unknown> | null;
}

export interface ProcessSubscriptionRelations {
  process?: ProcessRow;
  subscription?: SubscriptionRow;
}

const columns: ColumnsOf<ProcessSubscriptionRow> = {
  processId: { name: 'process_id', type: 'uuid', primary: true },
  subscriptionId: { name: 'subscription_id', type: 'uuid', primary: true },
  locked: { type: 'boolean', default: false },
  createdAt: { name: 'created_at', type: 'timestamptz', createDate: true },
  before: { type: 'jsonb', nullable: true },
  after: { type: 'jsonb', nullable: true },
};

export const ProcessSubscriptionEntity = new EntitySchema<ProcessSubscriptionRow & ProcessSubscriptionRelations>({
  name: 'ProcessSubscription',
  tableName: 'process_subscriptions',
  columns,
  relations: {
    process: {
      type: 'many-to-one',
      target: ProcessEntity,
      joinColumn: { name: 'process_id', foreignKeyConstraintName: 'process_subscriptions_process_id_fkey' },
      onDelete: 'CASCADE',
    },
    subscription: {
      type: 'many-to-one',
      target: SubscriptionEntity,
      joinColumn: { name: 'subscription_id', foreignKeyConstraintName: 'process_subscriptions_subscription_id_fkey' },
    },
  },
  indices: [{ name: 'process_subscriptions_subscription_idx', columns: ['subscriptionId', 'processId'] }],
});
