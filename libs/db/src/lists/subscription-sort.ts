import { defineSort } from '@orchestrator/search';

/** `sort` of `GET /api/subscriptions` (ENGINE.md 11.2), over `subscriptions s JOIN products p`. */
export const subscriptionSort = defineSort({
  list: 'subscriptions',
  fields: {
    startDate: { sql: 's.start_date', kind: 'date', nullable: true },
    endDate: { sql: 's.end_date', kind: 'date', nullable: true },
    description: { sql: 's.description', kind: 'text' },
    status: { sql: 's.status', kind: 'text' },
    productName: { sql: 'p.name', kind: 'text' },
    customerId: { sql: 's.customer_id', kind: 'text' },
    // Not in ENGINE.md 11.2's list: the order the list had before `sort` (newest first).
    createdAt: { sql: 's.created_at', kind: 'date' },
  },
  id: { sql: 's.subscription_id', kind: 'uuid' },
  default: 'createdAt,desc',
});
