import type { Subscription } from '@orchestrator/engine';
import type { ProductRow, SubscriptionRelationRow, SubscriptionRow } from '../entities';

/** Columns of a subscription as ENGINE.md 8.17 shows it; `FROM subscriptions s JOIN products p USING (product_id)`. */
export const SUBSCRIPTION_COLUMNS = `
  s.subscription_id AS id, s.product_id AS "productId", p.name AS "productName", s.customer_id AS "customerId",
  s.description, s.status, s.insync, s.version, s.start_date AS "startDate", s.end_date AS "endDate", s.note,
  s.data, s.created_at AS "createdAt",
  ARRAY(SELECT r.depends_on_id::text FROM subscription_relations r
         WHERE r.in_use_by_id = s.subscription_id ORDER BY r.created_at, r.depends_on_id) AS "dependsOn",
  ARRAY(SELECT r.in_use_by_id::text FROM subscription_relations r
         WHERE r.depends_on_id = s.subscription_id ORDER BY r.created_at, r.in_use_by_id) AS "inUseBy"`;

export const SUBSCRIPTION_FROM = `subscriptions s JOIN products p USING (product_id)`;

/** A subscription as SUBSCRIPTION_COLUMNS read it. */
export interface SubscriptionDbRow extends Pick<
  SubscriptionRow,
  | 'productId'
  | 'customerId'
  | 'description'
  | 'status'
  | 'insync'
  | 'version'
  | 'startDate'
  | 'endDate'
  | 'note'
  | 'data'
  | 'createdAt'
> {
  id: SubscriptionRow['subscriptionId'];
  productName: ProductRow['name'];
  dependsOn: SubscriptionRelationRow['dependsOnId'][];
  inUseBy: SubscriptionRelationRow['inUseById'][];
}

export function toSubscription(row: SubscriptionDbRow): Subscription {
  return {
    id: row.id,
    productId: row.productId,
    productName: row.productName,
    customerId: row.customerId,
    description: row.description,
    status: row.status,
    insync: row.insync,
    version: row.version,
    startDate: row.startDate?.toISOString() ?? null,
    endDate: row.endDate?.toISOString() ?? null,
    note: row.note,
    data: row.data,
    dependsOn: row.dependsOn,
    inUseBy: row.inUseBy,
  };
}
