import { randomUUID } from 'node:crypto';
import { checkSubscriptionData, instanceIdsIn, planBlockTree, type DataProblem } from '@orchestrator/domain';
import type { ProductRegistry } from '@orchestrator/engine';
import type { Queryable } from '../queryable';
import { canonicalJson } from './canonical-json';
import { instanceFacts, ownInstances } from './instance-writes';
import { SubscriptionReads } from './subscription-reads';

/**
 * The model check of task_validate_subscriptions (ENGINE.md 13.9), for a product without a validate workflow:
 * the stored tree meets its blocks for the subscription's status, and `subscriptions.data` is the copy of it.
 * Reads only.
 */
export async function subscriptionModelProblems(
  db: Queryable,
  products: ProductRegistry,
  subscriptionId: string,
): Promise<DataProblem[]> {
  const reads = new SubscriptionReads(db, products);
  const row = await reads.row(subscriptionId);
  if (!row) return [{ path: '', message: `subscription ${subscriptionId} not found` }];
  const product = products.get(row.productName);
  if (!product) return [{ path: '', message: `product ${row.productName} is not registered here` }];
  const model = await reads.load(subscriptionId);
  const own = await ownInstances(db, subscriptionId);
  if (own.rootId === null) {
    if (product.data) {
      const check = checkSubscriptionData(product, row.data);
      return check.ok ? [] : check.problems;
    }
    return [{ path: '', message: 'the subscription has no block instances, only data' }];
  }
  const problems: DataProblem[] = [];
  if (product.data) {
    const check = checkSubscriptionData(product, model.data);
    if (!check.ok) problems.push(...check.problems);
  } else {
    const plan = planBlockTree({
      subscriptionId,
      status: row.status,
      root: product.block,
      catalog: products.catalog(),
      data: model.data,
      facts: await instanceFacts(db, [...instanceIdsIn(model.data)]),
      existingRootId: own.rootId,
      newId: randomUUID,
    });
    if (!plan.ok) problems.push(...plan.problems);
  }
  if (canonicalJson(row.data) !== canonicalJson(model.data)) {
    problems.push({ path: '', message: 'subscriptions.data is not the copy of its block instances' });
  }
  return problems;
}
