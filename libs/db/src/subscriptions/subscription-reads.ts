import { withoutIdentity } from '@orchestrator/domain';
import {
  isUuid,
  SUBSCRIPTION_STATUSES,
  type BlockInstance,
  type ProductRegistry,
  type Subscription,
  type SubscriptionFilter,
  type SubscriptionModel,
  type SubscriptionReader,
} from '@orchestrator/engine';
import type { Queryable } from '../queryable';
import { readInstanceTrees, type ListAttributes } from './instance-trees';
import { subscriptionNotFound } from './subscription-errors';
import { SUBSCRIPTION_COLUMNS, SUBSCRIPTION_FROM, toSubscription, type SubscriptionDbRow } from './subscription-json';

const DEFAULT_LIST_LIMIT = 100;
const MAX_LIST_LIMIT = 1000;

/**
 * Reading subscriptions on one connection or transaction: `ctx.subscriptions`' reads, and what multi-page
 * forms read through the API (never writing). A flat product's `data` is shown as before blocks existed
 * (without its root instance's identity); `load` always shows the tree with every identity.
 */
export class SubscriptionReads implements SubscriptionReader {
  constructor(
    private readonly db: Queryable,
    private readonly products: ProductRegistry,
  ) {}

  async row(id: string): Promise<SubscriptionDbRow | undefined> {
    if (typeof id !== 'string' || !isUuid(id)) return undefined;
    const rows = (await this.db.query(
      `SELECT ${SUBSCRIPTION_COLUMNS} FROM ${SUBSCRIPTION_FROM} WHERE s.subscription_id = $1`,
      [id],
    )) as SubscriptionDbRow[];
    return rows[0];
  }

  async get(id: string): Promise<Subscription> {
    const row = await this.row(id);
    if (!row) throw subscriptionNotFound(String(id));
    return this.asStepSees(row);
  }

  async list(filter: SubscriptionFilter = {}): Promise<Subscription[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const param = (value: unknown): string => {
      params.push(value);
      return `$${params.length}`;
    };
    const names = filter.productName === undefined ? undefined : [filter.productName].flat();
    const statuses = filter.status === undefined ? undefined : [filter.status].flat();
    if (statuses?.some((status) => !(SUBSCRIPTION_STATUSES as readonly string[]).includes(status))) {
      throw new TypeError(`subscriptions.list: status must be among ${SUBSCRIPTION_STATUSES.join(', ')}`);
    }
    if (names) where.push(`p.name = ANY(${param(names)}::text[])`);
    if (statuses) where.push(`s.status = ANY(${param(statuses)}::text[])`);
    if (filter.customerId !== undefined) where.push(`s.customer_id = ${param(filter.customerId)}`);
    if (filter.insync !== undefined) where.push(filter.insync ? 's.insync' : 'NOT s.insync');
    const limit = Math.min(Math.max(Math.trunc(filter.limit ?? DEFAULT_LIST_LIMIT), 1), MAX_LIST_LIMIT);
    const rows = (await this.db.query(
      `SELECT ${SUBSCRIPTION_COLUMNS} FROM ${SUBSCRIPTION_FROM}
        ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY s.created_at DESC, s.subscription_id DESC LIMIT ${param(limit)}`,
      params,
    )) as SubscriptionDbRow[];
    return rows.map((row) => this.asStepSees(row));
  }

  async load<Data = BlockInstance>(id: string): Promise<SubscriptionModel<Data>> {
    const row = await this.row(id);
    if (!row) throw subscriptionNotFound(String(id));
    const trees = await readInstanceTrees(this.db, [row.id], this.listAttributes);
    // A subscription written without instances (by hand, in SQL) has only its copy: its data is the root.
    const data = trees.get(row.id) ?? row.data;
    return { ...toSubscription(row), data: data as Data };
  }

  /** The list children of a registered block, shown as `[]` when empty. */
  readonly listAttributes: ListAttributes = (blockName) => {
    const block = this.products.catalog().blocks.get(blockName);
    if (!block) return [];
    return this.products
      .catalog()
      .children(block)
      .filter((child) => child.kind === 'list')
      .map((child) => child.attribute);
  };

  asStepSees(row: SubscriptionDbRow): Subscription {
    const subscription = toSubscription(row);
    if (!this.products.get(row.productName)?.data) return subscription;
    return { ...subscription, data: withoutIdentity(subscription.data) as Record<string, unknown> };
  }
}
