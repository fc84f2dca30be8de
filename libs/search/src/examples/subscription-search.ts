import { SUBSCRIPTION_STATUSES } from '@orchestrator/engine';
import { defineSearchFields, defineSort } from '@orchestrator/search';

/** The searchable and sortable fields of `GET /api/subscriptions`, over this FROM. */
export const SUBSCRIPTION_FROM = 'subscriptions s JOIN products p ON p.product_id = s.product_id';

export const subscriptionSearchFields = defineSearchFields({
  id: { kind: 'uuid', sql: 's.subscription_id', freeText: true },
  description: { kind: 'text', sql: 's.description', match: 'contains', freeText: true },
  status: { kind: 'enum', sql: 's.status', values: SUBSCRIPTION_STATUSES, freeText: true },
  insync: { kind: 'boolean', sql: 's.insync' },
  productName: { kind: 'text', sql: 'p.name', freeText: true, aliases: ['product'] },
  productTag: { kind: 'text', sql: 'p.tag', freeText: true, aliases: ['tag'] },
  customerId: { kind: 'text', sql: 's.customer_id', freeText: true },
  note: { kind: 'text', sql: 's.note', match: 'contains', freeText: true },
  startDate: { kind: 'date', sql: 's.start_date' },
  endDate: { kind: 'date', sql: 's.end_date' },
  data: { kind: 'json', sql: 's.data' },
});

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
