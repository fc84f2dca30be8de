import { INSTANCE_ID_KEY, OWNER_ID_KEY, type BlockInstance } from '@orchestrator/engine';
import type { Queryable } from '../queryable';

// Reading subscriptions' trees of block instances (ENGINE.md 13.3) in one statement, however many
// subscriptions: from each root instance down the relations (into instances other subscriptions own), with
// every instance's values. `trail` (the instance ids from the root) tells the occurrences of an instance used
// at two places apart and stops a cycle, which the block definitions already rule out.
const READ_TREES = `
  WITH RECURSIVE tree AS (
    SELECT i.subscription_id AS tree_of, i.subscription_instance_id AS instance_id, NULL::text AS attribute,
           0 AS order_id, ARRAY[i.subscription_instance_id] AS trail, NULL::uuid AS parent_block_id,
           i.product_block_id AS block_id
      FROM subscription_instances i
     WHERE i.subscription_id = ANY($1::uuid[]) AND i.is_root
    UNION ALL
    SELECT t.tree_of, r.child_instance_id, r.attribute, r.order_id, t.trail || r.child_instance_id, t.block_id,
           c.product_block_id
      FROM tree t
      JOIN subscription_instance_relations r ON r.parent_instance_id = t.instance_id
      JOIN subscription_instances c ON c.subscription_instance_id = r.child_instance_id
     WHERE r.child_instance_id <> ALL (t.trail) AND cardinality(t.trail) < 64
  )
  SELECT t.tree_of AS "treeOf", t.trail::text[] AS trail, t.attribute, t.order_id AS "orderId",
         i.subscription_id AS "ownerId",
         (SELECT k.kind FROM product_block_children k
           WHERE k.product_block_id = t.parent_block_id AND k.attribute = t.attribute) AS kind,
         COALESCE((SELECT jsonb_object_agg(rt.resource_type, v.value)
                     FROM subscription_instance_values v JOIN resource_types rt USING (resource_type_id)
                    WHERE v.subscription_instance_id = t.instance_id), '{}'::jsonb) AS "values",
         b.name AS "blockName"
    FROM tree t
    JOIN subscription_instances i ON i.subscription_instance_id = t.instance_id
    JOIN product_blocks b ON b.product_block_id = i.product_block_id
   ORDER BY t.tree_of, cardinality(t.trail), t.attribute, t.order_id`;

interface TreeRow {
  treeOf: string;
  trail: string[];
  attribute: string | null;
  orderId: number;
  ownerId: string;
  kind: 'one' | 'optional' | 'list' | null;
  values: Record<string, unknown>;
  blockName: string;
}

/** The list children a block has, so that an empty list shows as `[]` (no relation row says it exists). */
export type ListAttributes = (blockName: string) => readonly string[];

/**
 * The tree of each subscription that has a root instance, as plain objects: every instance with its
 * `subscriptionInstanceId` and `ownerSubscriptionId`, its values, and its children (a list as an array in
 * order). A subscription without instances (one written by hand, with only `data`) is not in the map.
 */
export async function readInstanceTrees(
  db: Queryable,
  subscriptionIds: readonly string[],
  listAttributes: ListAttributes = () => [],
): Promise<Map<string, BlockInstance>> {
  const trees = new Map<string, BlockInstance>();
  if (subscriptionIds.length === 0) return trees;
  const rows = (await db.query(READ_TREES, [[...new Set(subscriptionIds)]])) as TreeRow[];
  const nodes = new Map<string, BlockInstance>();
  for (const row of rows) {
    const node: BlockInstance = {
      [INSTANCE_ID_KEY]: row.trail[row.trail.length - 1],
      [OWNER_ID_KEY]: row.ownerId,
      ...row.values,
    };
    for (const attribute of listAttributes(row.blockName)) node[attribute] ??= [];
    const key = `${row.treeOf}/${row.trail.join('/')}`;
    nodes.set(key, node);
    if (row.attribute === null) {
      trees.set(row.treeOf, node);
      continue;
    }
    const parent = nodes.get(`${row.treeOf}/${row.trail.slice(0, -1).join('/')}`);
    if (!parent) continue;
    // Without the block's definition in the database (a block no longer registered), positions tell.
    const isList =
      row.kind === 'list' || (row.kind === null && (row.orderId > 0 || Array.isArray(parent[row.attribute])));
    if (isList) {
      const items = Array.isArray(parent[row.attribute]) ? (parent[row.attribute] as unknown[]) : [];
      items[row.orderId] = node;
      parent[row.attribute] = items;
    } else {
      parent[row.attribute] = node;
    }
  }
  // A list with a gap (a position left empty) is compacted, in order.
  for (const node of nodes.values()) {
    for (const [key, value] of Object.entries(node)) {
      if (Array.isArray(value) && value.some((item) => item === undefined)) node[key] = value.filter(Boolean);
    }
  }
  return trees;
}
