import type { InstanceFacts, PlannedInstance, PlannedRelation } from '@orchestrator/domain';
import { OrchestratorError } from '@orchestrator/engine';
import { SEARCH_TEXT_SQL } from '../migrations/1764600000000-product-model';
import type { Queryable } from '../queryable';

// The statements of a save (ENGINE.md 13.3, 13.5) on the step's transaction, set-based: each takes the whole
// plan as one JSON parameter, so a save costs the same handful of statements however big the tree is.

/** Facts of the instances a tree names: owner, owner's status, block. */
export async function instanceFacts(db: Queryable, ids: readonly string[]): Promise<Map<string, InstanceFacts>> {
  if (ids.length === 0) return new Map();
  const rows = (await db.query(
    `SELECT i.subscription_instance_id::text AS id, i.subscription_id::text AS "ownerSubscriptionId",
            s.status AS "ownerStatus", b.name AS "blockName"
       FROM subscription_instances i
       JOIN subscriptions s ON s.subscription_id = i.subscription_id
       JOIN product_blocks b ON b.product_block_id = i.product_block_id
      WHERE i.subscription_instance_id = ANY($1::uuid[])`,
    [ids],
  )) as (InstanceFacts & { id: string })[];
  return new Map(rows.map(({ id, ...facts }) => [id, facts]));
}

export interface OwnInstances {
  readonly ids: readonly string[];
  readonly rootId: string | null;
  /** Subscriptions whose instances this one's tree uses now. */
  readonly usedOwners: readonly string[];
}

export async function ownInstances(db: Queryable, subscriptionId: string): Promise<OwnInstances> {
  const [row] = (await db.query(
    `SELECT ARRAY(SELECT subscription_instance_id::text FROM subscription_instances WHERE subscription_id = $1) AS ids,
            (SELECT subscription_instance_id::text FROM subscription_instances
              WHERE subscription_id = $1 AND is_root) AS "rootId",
            ARRAY(SELECT DISTINCT c.subscription_id::text
                    FROM subscription_instances p
                    JOIN subscription_instance_relations r ON r.parent_instance_id = p.subscription_instance_id
                    JOIN subscription_instances c ON c.subscription_instance_id = r.child_instance_id
                   WHERE p.subscription_id = $1 AND c.subscription_id <> $1) AS "usedOwners"`,
    [subscriptionId],
  )) as OwnInstances[];
  return row ?? { ids: [], rootId: null, usedOwners: [] };
}

/** Instances among `ids` that another subscription's tree uses, with who uses them. */
export async function usedElsewhere(
  db: Queryable,
  subscriptionId: string,
  ids: readonly string[],
): Promise<{ id: string; usedBy: string }[]> {
  if (ids.length === 0) return [];
  return (await db.query(
    `SELECT DISTINCT r.child_instance_id::text AS id, p.subscription_id::text AS "usedBy"
       FROM subscription_instance_relations r
       JOIN subscription_instances p ON p.subscription_instance_id = r.parent_instance_id
      WHERE r.child_instance_id = ANY($1::uuid[]) AND p.subscription_id <> $2
      ORDER BY 1, 2`,
    [ids, subscriptionId],
  )) as { id: string; usedBy: string }[];
}

/**
 * The subscriptions (other than this one) whose trees contain an instance this one owns, however deep: the
 * ones whose copy of `data` shows this subscription's values.
 */
export async function dependentTrees(db: Queryable, subscriptionId: string): Promise<string[]> {
  const rows = (await db.query(
    `WITH RECURSIVE up(id) AS (
       SELECT subscription_instance_id FROM subscription_instances WHERE subscription_id = $1
       UNION
       SELECT r.parent_instance_id FROM up JOIN subscription_instance_relations r ON r.child_instance_id = up.id
     )
     SELECT DISTINCT i.subscription_id::text AS id
       FROM up JOIN subscription_instances i ON i.subscription_instance_id = up.id
      WHERE i.is_root AND i.subscription_id <> $1
      ORDER BY 1`,
    [subscriptionId],
  )) as { id: string }[];
  return rows.map((row) => row.id);
}

/** Row locks on subscriptions, in id order, so that two saves that touch the same ones never deadlock. */
export async function lockSubscriptions(db: Queryable, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await db.query(
    `SELECT 1 FROM subscriptions WHERE subscription_id = ANY($1::uuid[]) ORDER BY subscription_id FOR UPDATE`,
    [[...new Set(ids)]],
  );
}

/**
 * Writes the instances, values and relations of a checked plan: relations no longer wanted go first, then the
 * instances no longer in the tree (with their values), then the new instances, the values, the new relations.
 */
export async function writeInstancePlan(
  db: Queryable,
  subscriptionId: string,
  plan: { instances: readonly PlannedInstance[]; relations: readonly PlannedRelation[] },
): Promise<void> {
  const relations = JSON.stringify(
    plan.relations.map((r) => ({ parent: r.parentId, attribute: r.attribute, order_id: r.orderId, child: r.childId })),
  );
  await db.query(
    `DELETE FROM subscription_instance_relations r
      USING subscription_instances p
      WHERE p.subscription_instance_id = r.parent_instance_id AND p.subscription_id = $1
        AND NOT EXISTS (SELECT 1 FROM jsonb_to_recordset($2::jsonb) AS d(parent uuid, attribute text, order_id int, child uuid)
                         WHERE d.parent = r.parent_instance_id AND d.attribute = r.attribute
                           AND d.order_id = r.order_id AND d.child = r.child_instance_id)`,
    [subscriptionId, relations],
  );
  await db.query(
    `DELETE FROM subscription_instances WHERE subscription_id = $1 AND NOT (subscription_instance_id = ANY($2::uuid[]))`,
    [subscriptionId, plan.instances.map((i) => i.id)],
  );
  const added = plan.instances.filter((i) => i.isNew);
  if (added.length > 0) {
    const inserted = (await db.query(
      `INSERT INTO subscription_instances (subscription_instance_id, subscription_id, product_block_id, is_root)
       SELECT d.id, $1, b.product_block_id, d.root
         FROM jsonb_to_recordset($2::jsonb) AS d(id uuid, block text, root boolean)
         JOIN product_blocks b ON b.name = d.block
       RETURNING 1`,
      [subscriptionId, JSON.stringify(added.map((i) => ({ id: i.id, block: i.blockName, root: i.isRoot })))],
    )) as unknown[];
    if (inserted.length !== added.length) {
      const blocks = [...new Set(added.map((i) => i.blockName))].join(', ');
      throw new OrchestratorError(
        'PRODUCT_BLOCK_NOT_FOUND',
        `a block of ${blocks} is not in the database: was the product model synchronized (restart the API or a worker)?`,
      );
    }
  }
  const values = plan.instances.flatMap((i) =>
    Object.entries(i.values).map(([resource, value]) => ({ instance: i.id, resource, value })),
  );
  const resources = [...new Set(values.map((v) => v.resource))];
  if (resources.length > 0) {
    await db.query(
      `INSERT INTO resource_types (resource_type) SELECT unnest($1::text[]) ON CONFLICT (resource_type) DO NOTHING`,
      [resources],
    );
  }
  await db.query(
    `WITH desired AS (
       SELECT d.instance, rt.resource_type_id, d.value
         FROM jsonb_to_recordset($2::jsonb) AS d(instance uuid, resource text, value jsonb)
         JOIN resource_types rt ON rt.resource_type = d.resource
     ), removed AS (
       DELETE FROM subscription_instance_values v
        USING subscription_instances i
        WHERE i.subscription_instance_id = v.subscription_instance_id AND i.subscription_id = $1
          AND NOT EXISTS (SELECT 1 FROM desired d
                           WHERE d.instance = v.subscription_instance_id AND d.resource_type_id = v.resource_type_id)
     )
     INSERT INTO subscription_instance_values (subscription_instance_id, resource_type_id, value, search_text)
     SELECT d.instance, d.resource_type_id, d.value, ${SEARCH_TEXT_SQL('d.value')} FROM desired d
     ON CONFLICT (subscription_instance_id, resource_type_id) DO UPDATE
        SET value = EXCLUDED.value, search_text = EXCLUDED.search_text
      WHERE subscription_instance_values.value IS DISTINCT FROM EXCLUDED.value`,
    [subscriptionId, JSON.stringify(values)],
  );
  if (plan.relations.length > 0) {
    await db.query(
      `INSERT INTO subscription_instance_relations (parent_instance_id, attribute, order_id, child_instance_id)
       SELECT d.parent, d.attribute, d.order_id, d.child
         FROM jsonb_to_recordset($1::jsonb) AS d(parent uuid, attribute text, order_id int, child uuid)
       ON CONFLICT (parent_instance_id, attribute, order_id) DO NOTHING`,
      [relations],
    );
  }
}
