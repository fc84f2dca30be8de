import { randomUUID } from 'node:crypto';
import {
  checkSubscriptionData,
  invalidSubscriptionData as invalidData,
  instanceIdsIn,
  planBlockTree,
  type PlannedInstance,
  type PlannedRelation,
} from '@orchestrator/domain';
import {
  OrchestratorError,
  type ProductDefinition,
  type ProductRegistry,
  type SubscriptionStatus,
} from '@orchestrator/engine';
import type { Queryable } from '../queryable';
import { readInstanceTrees } from './instance-trees';
import {
  dependentTrees,
  instanceFacts,
  lockSubscriptions,
  ownInstances,
  usedElsewhere,
  writeInstancePlan,
  type OwnInstances,
} from './instance-writes';
import type { SubscriptionReads } from './subscription-reads';

interface Plan {
  readonly instances: readonly PlannedInstance[];
  readonly relations: readonly PlannedRelation[];
  readonly usedOwners: readonly string[];
}

/** What else a save changes on the subscription's row, in the same statement as its data. */
export interface RowChanges {
  readonly status?: SubscriptionStatus;
  readonly description?: string;
  /** `undefined` leaves the note as it is. */
  readonly note?: string | null;
  /** A subscription being created keeps version 1. */
  readonly bumpVersion: boolean;
}

/**
 * Saving a subscription's data as block instances (ENGINE.md 13.3 to 13.5), on the step's transaction.
 * Everything is checked before the first write. Then, under the row locks of this subscription and of the
 * subscriptions whose `inUseBy` changes (in id order), then of the subscriptions whose trees show this
 * one's instances, the instances, values and relations are written and `subscriptions.data` (the copy every
 * read uses) is rebuilt from them for this subscription and those others. Taking a dependent's lock before
 * reading the trees means its copy is rebuilt from what its own last save committed.
 */
export class SubscriptionModelStore {
  constructor(
    private readonly tx: Queryable,
    private readonly products: ProductRegistry,
    private readonly reads: SubscriptionReads,
  ) {}

  async save(
    subscription: { id: string; productName: string; status: SubscriptionStatus },
    data: unknown,
    changes: RowChanges,
  ): Promise<void> {
    const product = this.productOf(subscription.productName);
    const status = changes.status ?? subscription.status;
    const own = await ownInstances(this.tx, subscription.id);
    const plan = await this.plan(subscription.id, product, data, status, own);
    const kept = new Set(plan.instances.map((i) => i.id));
    const removed = own.ids.filter((id) => !kept.has(id));
    const used = await usedElsewhere(this.tx, subscription.id, removed);
    if (used.length > 0) {
      throw invalidData(
        product.name,
        used.map((u) => ({
          path: '',
          message: `block instance ${u.id} is used by subscription ${u.usedBy}: it cannot be removed`,
        })),
      );
    }
    const before = new Set(own.usedOwners);
    const after = new Set(plan.usedOwners);
    const relatedChanged = [...new Set([...before, ...after])].filter((id) => before.has(id) !== after.has(id));

    await lockSubscriptions(this.tx, [subscription.id, ...relatedChanged]);
    await this.refuseTerminatedOwners(product.name, plan.usedOwners);
    const dependents = await dependentTrees(this.tx, subscription.id);
    await lockSubscriptions(this.tx, dependents);

    await writeInstancePlan(this.tx, subscription.id, plan);
    const trees = await readInstanceTrees(this.tx, [subscription.id, ...dependents], this.reads.listAttributes);
    await this.tx.query(
      `UPDATE subscriptions
          SET data = $2::jsonb, status = $3, description = COALESCE($4, description),
              note = CASE WHEN $5 THEN $6 ELSE note END,
              start_date = CASE WHEN $3 = 'active' THEN COALESCE(start_date, now()) ELSE start_date END,
              end_date = CASE WHEN $3 = 'terminated' THEN COALESCE(end_date, now()) ELSE end_date END,
              version = version + CASE WHEN $7 THEN 1 ELSE 0 END
        WHERE subscription_id = $1`,
      [
        subscription.id,
        JSON.stringify(trees.get(subscription.id) ?? {}),
        status,
        changes.description ?? null,
        changes.note !== undefined,
        changes.note ?? null,
        changes.bumpVersion,
      ],
    );
    // Their data (the copy) or their inUseBy changed: an update of each, so their version moves on too.
    const copies = dependents.map((id) => ({ id, data: trees.get(id) ?? null })).filter((c) => c.data !== null);
    await this.tx.query(
      `WITH copied AS (
         UPDATE subscriptions s SET data = d.data, version = s.version + 1
           FROM jsonb_to_recordset($1::jsonb) AS d(id uuid, data jsonb)
          WHERE s.subscription_id = d.id AND s.data IS DISTINCT FROM d.data
         RETURNING s.subscription_id
       )
       UPDATE subscriptions SET version = version + 1
        WHERE subscription_id = ANY($2::uuid[]) AND subscription_id NOT IN (SELECT subscription_id FROM copied)`,
      [JSON.stringify(copies), relatedChanged],
    );
  }

  /** Refuses a status whose requirements the subscription's data does not meet (ENGINE.md 13.4). */
  async checkStatus(
    subscription: { id: string; productName: string },
    data: unknown,
    status: SubscriptionStatus,
  ): Promise<void> {
    const product = this.productOf(subscription.productName);
    if (product.data) return;
    const own = await ownInstances(this.tx, subscription.id);
    if (own.rootId === null) return;
    await this.plan(subscription.id, product, data, status, own);
  }

  private async plan(
    subscriptionId: string,
    product: ProductDefinition,
    data: unknown,
    status: SubscriptionStatus,
    own: OwnInstances,
  ): Promise<Plan> {
    if (product.data) {
      const check = checkSubscriptionData(product, data);
      if (!check.ok) throw invalidData(product.name, check.problems);
      const values = Object.fromEntries(Object.entries(check.data).filter(([, v]) => v !== undefined && v !== null));
      const id = own.rootId ?? randomUUID();
      return {
        instances: [{ id, blockName: product.block.name, isRoot: true, isNew: own.rootId === null, values }],
        relations: [],
        usedOwners: [],
      };
    }
    const plan = planBlockTree({
      subscriptionId,
      status,
      root: product.block,
      catalog: this.products.catalog(),
      data,
      facts: await instanceFacts(this.tx, [...instanceIdsIn(data)]),
      existingRootId: own.rootId,
      newId: randomUUID,
    });
    if (!plan.ok) throw invalidData(product.name, plan.problems);
    return plan;
  }

  private async refuseTerminatedOwners(productName: string, owners: readonly string[]): Promise<void> {
    if (owners.length === 0) return;
    const terminated = (await this.tx.query(
      `SELECT subscription_id::text AS id FROM subscriptions WHERE subscription_id = ANY($1::uuid[]) AND status = 'terminated'`,
      [owners],
    )) as { id: string }[];
    if (terminated.length > 0) {
      throw invalidData(
        productName,
        terminated.map((t) => ({ path: '', message: `subscription ${t.id} is terminated: its blocks cannot be used` })),
      );
    }
  }

  private productOf(name: string): ProductDefinition {
    const product = this.products.get(name);
    if (!product) throw new OrchestratorError('PRODUCT_NOT_FOUND', `product "${name}" is not registered`);
    return product;
  }
}
