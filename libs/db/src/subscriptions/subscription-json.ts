import type { Subscription } from '@orchestrator/engine';
import type { ProductRow, SubscriptionRelationRow, SubscriptionRow } from '../entities';
import { DEPENDS_ON_COLUMN, IN_USE_BY_COLUMN } from './subscription-dependents';

/**
 * Columns of a subscription as ENGINE.md 8.17 shows it; `FROM subscriptions s JOIN products p USING (product_id)`.
 * `data` is the copy of the instance tree that every save writes in its transaction (libs/db README).
 */
export const SUBSCRIPTION_COLUMNS = `
  s.subscription_id AS id, s.product_id AS "productId", p.name AS "productName", s.customer_id AS "customerId",
  s.description, s.status, s.insync, s.version, s.start_date AS "startDate", s.end_date AS "endDate", s.note,
  s.data, s.created_at AS "createdAt", ${DEPENDS_ON_COLUMN} AS "dependsOn", ${IN_USE_BY_COLUMN} AS "inUseBy"`;

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
