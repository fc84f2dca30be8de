import type { EntityManager } from 'typeorm';
import {
  checkedSubscriptionStatus as checkedStatus,
  checkSubscriptionData,
  invalidSubscriptionData as invalidData,
  requireSubscriptionText as requireText,
} from '@orchestrator/domain';
import {
  FINAL_STATUSES,
  NOT_ORDERABLE_STATUSES,
  OrchestratorError,
  type BlockInstance,
  type CreateSubscriptionInput,
  type ProductRegistry,
  type ProductStatus,
  type Subscription,
  type SubscriptionFilter,
  type SubscriptionModel,
  type SubscriptionModelInput,
  type SubscriptionService,
  type SubscriptionStatus,
  type UpdateSubscriptionInput,
} from '@orchestrator/engine';
import {
  productNotFound,
  productNotOrderable,
  subscriptionNotFound,
  subscriptionNotInSync,
} from './subscription-errors';
import { SUBSCRIPTION_COLUMNS, SUBSCRIPTION_FROM, toSubscription, type SubscriptionDbRow } from './subscription-json';
import { SubscriptionModelStore } from './subscription-model-store';
import { SubscriptionReads } from './subscription-reads';

/**
 * `ctx.subscriptions` on PostgreSQL: every statement runs on the step's transaction, so a failed step leaves
 * no trace. Every update increments the subscription's version. Input is checked before any statement runs,
 * so that a mistake fails the step with a clear error instead of aborting its transaction.
 */
export class PostgresSubscriptionService implements SubscriptionService {
  private readonly reads: SubscriptionReads;
  private readonly models: SubscriptionModelStore;

  constructor(
    private readonly tx: EntityManager,
    private readonly processId: string,
    private readonly products: ProductRegistry,
  ) {
    this.reads = new SubscriptionReads(tx, products);
    this.models = new SubscriptionModelStore(tx, products, this.reads);
  }

  async create(input: CreateSubscriptionInput): Promise<Subscription> {
    const product = this.products.get(input.productName);
    if (!product) throw productNotFound(input.productName);
    const status = checkedStatus(input.status ?? 'initial');
    requireText('customerId', input.customerId);
    requireText('description', input.description);
    if (product.data) this.checkedData(input.productName, input.data);
    // A share lock on the product: a PATCH to end of life waits for this step, and then sees the subscription.
    const [orderable] = (await this.tx.query(`SELECT status FROM products WHERE name = $1 FOR SHARE`, [
      product.name,
    ])) as {
      status: ProductStatus;
    }[];
    if (!orderable) throw productNotFound(input.productName);
    if (NOT_ORDERABLE_STATUSES.includes(orderable.status)) throw productNotOrderable(product.name, orderable.status);
    const rows = (await this.tx.query(
      `WITH created AS (
         INSERT INTO subscriptions (product_id, customer_id, description, status, insync, start_date)
         SELECT product_id, $2, $3, $4, false, CASE WHEN $4 = 'active' THEN now() END
           FROM products WHERE name = $1
         RETURNING subscription_id
       ), linked AS (
         INSERT INTO process_subscriptions (process_id, subscription_id, locked)
         SELECT $5, subscription_id, true FROM created
       )
       SELECT subscription_id FROM created`,
      [product.name, input.customerId, input.description, status, this.processId],
    )) as { subscription_id: string }[];
    const id = rows[0]?.subscription_id;
    if (!id) throw productNotFound(input.productName);
    await this.models.save({ id, productName: product.name, status }, input.data, { bumpVersion: false });
    return this.get(id);
  }

  get(id: string): Promise<Subscription> {
    return this.reads.get(id);
  }

  list(filter?: SubscriptionFilter): Promise<Subscription[]> {
    return this.reads.list(filter);
  }

  load<Data = BlockInstance>(id: string): Promise<SubscriptionModel<Data>> {
    return this.reads.load<Data>(id);
  }

  async save<Data = BlockInstance>(model: SubscriptionModelInput<Data>): Promise<SubscriptionModel<Data>> {
    const current = await this.current(model?.id);
    if (model.description !== undefined) requireText('description', model.description);
    const status = model.status === undefined ? undefined : checkedStatus(model.status);
    await this.models.save(current, model.data, {
      status,
      description: model.description,
      note: model.note,
      bumpVersion: true,
    });
    return this.load<Data>(current.id);
  }

  async update(id: string, changes: UpdateSubscriptionInput): Promise<Subscription> {
    const current = await this.current(id);
    if (changes.description !== undefined) requireText('description', changes.description);
    if (changes.data !== undefined) {
      await this.models.save(current, changes.data, {
        description: changes.description,
        note: changes.note,
        bumpVersion: true,
      });
      return this.get(id);
    }
    const setsNote = changes.note !== undefined;
    await this.tx.query(
      `UPDATE subscriptions
          SET description = COALESCE($2, description), note = CASE WHEN $3 THEN $4 ELSE note END,
              version = version + 1
        WHERE subscription_id = $1`,
      [id, changes.description ?? null, setsNote, changes.note ?? null],
    );
    return this.get(id);
  }

  async setStatus(id: string, status: SubscriptionStatus): Promise<Subscription> {
    const current = await this.current(id);
    // Lifecycle typing: the data must meet what the new status requires (ENGINE.md 13.4).
    await this.models.checkStatus(current, (await this.reads.load(id)).data, checkedStatus(status));
    await this.tx.query(
      `UPDATE subscriptions
          SET status = $2, version = version + 1,
              start_date = CASE WHEN $2 = 'active' THEN COALESCE(start_date, now()) ELSE start_date END,
              end_date = CASE WHEN $2 = 'terminated' THEN COALESCE(end_date, now()) ELSE end_date END
        WHERE subscription_id = $1`,
      [id, checkedStatus(status)],
    );
    return this.get(id);
  }

  async unsync(id: string): Promise<Subscription> {
    const current = await this.get(id);
    const [, changed] = (await this.tx.query(
      `UPDATE subscriptions SET insync = false, version = version + 1 WHERE subscription_id = $1 AND insync`,
      [id],
    )) as [unknown, number];
    if (!changed) throw subscriptionNotInSync(current.id);
    await this.holdLink(id);
    return this.get(id);
  }

  async unsyncUnchecked(id: string): Promise<Subscription> {
    await this.get(id);
    await this.setInsync(id, false);
    await this.holdLink(id);
    return this.get(id);
  }

  /**
   * Links this process as the one holding the subscription out of sync: set-in-sync then refuses while it
   * is open, and its Unlock step (if it has one) releases it.
   */
  private async holdLink(id: string): Promise<void> {
    await this.tx.query(
      `INSERT INTO process_subscriptions (process_id, subscription_id, locked) VALUES ($1, $2, true)
       ON CONFLICT (process_id, subscription_id) DO UPDATE SET locked = true`,
      [this.processId, id],
    );
  }

  async resync(id: string): Promise<Subscription> {
    await this.get(id);
    await this.setInsync(id, true);
    return this.get(id);
  }

  async link(id: string): Promise<void> {
    const before = await this.snapshot(id);
    await this.tx.query(
      `INSERT INTO process_subscriptions (process_id, subscription_id, before) VALUES ($1, $2, $3::jsonb)
       ON CONFLICT DO NOTHING`,
      [this.processId, id, JSON.stringify(before)],
    );
  }

  async relate(inUseById: string, dependsOnId: string): Promise<void> {
    await this.get(inUseById);
    await this.get(dependsOnId);
    if (inUseById === dependsOnId) {
      throw new OrchestratorError('INVALID_SUBSCRIPTION_RELATION', 'a subscription cannot depend on itself');
    }
    // Relations are part of both subscriptions (dependsOn, inUseBy): a new one is an update of both.
    await this.tx.query(
      `WITH related AS (
         INSERT INTO subscription_relations (in_use_by_id, depends_on_id) VALUES ($1, $2)
         ON CONFLICT DO NOTHING RETURNING 1)
       UPDATE subscriptions SET version = version + 1
        WHERE subscription_id IN ($1, $2) AND EXISTS (SELECT 1 FROM related)`,
      [inUseById, dependsOnId],
    );
  }

  async holdLock(id: string, options: { allowOutOfSync: boolean }): Promise<Subscription> {
    const before = await this.snapshot(id);
    const links = (await this.tx.query(
      `SELECT locked FROM process_subscriptions WHERE process_id = $1 AND subscription_id = $2`,
      [this.processId, id],
    )) as { locked: boolean }[];
    // The start transaction linked it (and locked it, unless it was allowed to start out of sync); this
    // step keeps the subscription as the process found it (subscriptionDeltas, ENGINE.md 13.6).
    if (links[0]) {
      await this.tx.query(
        `UPDATE process_subscriptions SET before = $3::jsonb
          WHERE process_id = $1 AND subscription_id = $2 AND before IS NULL`,
        [this.processId, id, JSON.stringify(before)],
      );
      return this.get(id);
    }
    const [row] = (await this.tx.query(`SELECT insync FROM subscriptions WHERE subscription_id = $1 FOR UPDATE`, [
      id,
    ])) as { insync: boolean }[];
    if (!row?.insync && !options.allowOutOfSync) throw subscriptionNotInSync(id);
    if (row?.insync) await this.setInsync(id, false);
    await this.tx.query(
      `INSERT INTO process_subscriptions (process_id, subscription_id, locked, before) VALUES ($1, $2, $3, $4::jsonb)`,
      [this.processId, id, row?.insync === true, JSON.stringify(before)],
    );
    return this.get(id);
  }

  /**
   * Puts the subscriptions this process holds back in sync, unless another open process is linked to one
   * (one allowed to start out of sync, say): that process then inherits the lock, so that a subscription
   * never turns in sync under an open, possibly failed, process.
   */
  async releaseLocks(): Promise<string[]> {
    // Under the row locks of every subscription linked to this process, taken in a statement of its own so
    // that the release below reads what the last holder committed: a process that hands the lock to this one
    // while it ends commits first (this one then releases it too), or sees this one finished (and puts the
    // subscription in sync itself), never both missing each other.
    await this.tx.query(
      `SELECT 1 FROM subscriptions s JOIN process_subscriptions ps USING (subscription_id)
        WHERE ps.process_id = $1 ORDER BY s.subscription_id FOR UPDATE OF s`,
      [this.processId],
    );
    // An UPDATE answers [rows, count] through TypeORM.
    const [rows] = (await this.tx.query(
      `WITH held AS (
         UPDATE process_subscriptions SET locked = false
          WHERE process_id = $1 AND locked
          RETURNING subscription_id
       ), heir AS (
         SELECT DISTINCT ON (ps.subscription_id) ps.subscription_id, ps.process_id
           FROM process_subscriptions ps
           JOIN held ON held.subscription_id = ps.subscription_id
           JOIN processes p ON p.process_id = ps.process_id
          WHERE ps.process_id <> $1 AND NOT (p.status = ANY($2::text[]))
          ORDER BY ps.subscription_id, ps.created_at, ps.process_id
       ), handed AS (
         UPDATE process_subscriptions ps SET locked = true
           FROM heir WHERE ps.process_id = heir.process_id AND ps.subscription_id = heir.subscription_id
         RETURNING ps.subscription_id
       )
       UPDATE subscriptions s SET insync = true, version = s.version + 1
         FROM held
        WHERE s.subscription_id = held.subscription_id AND NOT s.insync
          AND NOT EXISTS (SELECT 1 FROM heir WHERE heir.subscription_id = held.subscription_id)
       RETURNING s.subscription_id`,
      [this.processId, FINAL_STATUSES],
    )) as [{ subscription_id: string }[], number];
    await this.recordAfter();
    return rows.map((row) => row.subscription_id);
  }

  /** Keeps every linked subscription as this process leaves it (subscriptionDeltas, ENGINE.md 13.6). */
  private async recordAfter(): Promise<void> {
    const rows = (await this.tx.query(
      `SELECT ${SUBSCRIPTION_COLUMNS} FROM ${SUBSCRIPTION_FROM}
        WHERE s.subscription_id IN (SELECT subscription_id FROM process_subscriptions WHERE process_id = $1)`,
      [this.processId],
    )) as SubscriptionDbRow[];
    if (rows.length === 0) return;
    await this.tx.query(
      `UPDATE process_subscriptions ps SET after = d.after
         FROM jsonb_to_recordset($2::jsonb) AS d(id uuid, after jsonb)
        WHERE ps.process_id = $1 AND ps.subscription_id = d.id`,
      [this.processId, JSON.stringify(rows.map((row) => ({ id: row.id, after: toSubscription(row) })))],
    );
  }

  /** The subscription as the API shows it; throws SUBSCRIPTION_NOT_FOUND. */
  private async snapshot(id: string): Promise<Subscription> {
    return toSubscription(await this.current(id));
  }

  private async current(id: string): Promise<SubscriptionDbRow> {
    const row = await this.reads.row(id);
    if (!row) throw subscriptionNotFound(String(id));
    return row;
  }

  private async setInsync(id: string, insync: boolean): Promise<void> {
    await this.tx.query(
      `UPDATE subscriptions SET insync = $2, version = version + 1 WHERE subscription_id = $1 AND insync <> $2`,
      [id, insync],
    );
  }

  private checkedData(productName: string, data: unknown): Record<string, unknown> {
    const product = this.products.get(productName);
    if (!product) throw productNotFound(productName);
    const check = checkSubscriptionData(product, data);
    if (!check.ok) throw invalidData(productName, check.problems);
    return check.data;
  }
}
