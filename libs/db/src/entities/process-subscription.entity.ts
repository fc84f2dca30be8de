import { EntitySchema } from 'typeorm';

/** A process linked to a subscription; `locked` when the process took it out of sync and puts it back. */
export interface ProcessSubscriptionRow {
  processId: string;
  subscriptionId: string;
  locked: boolean;
  createdAt: Date;
}

export const ProcessSubscriptionEntity = new EntitySchema<ProcessSubscriptionRow>({
  name: 'ProcessSubscription',
  tableName: 'process_subscriptions',
  columns: {
    processId: { name: 'process_id', type: 'uuid', primary: true },
    subscriptionId: { name: 'subscription_id', type: 'uuid', primary: true },
    locked: { type: 'boolean', default: false },
    createdAt: { name: 'created_at', type: 'timestamptz', createDate: true },
  },
});
