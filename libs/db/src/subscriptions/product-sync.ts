import type { EntityManager } from 'typeorm';
import type { ProductDefinition, WorkflowDefinition } from '@orchestrator/engine';

/** A product names a workflow that is not registered, or a workflow names a product that is not. */
export class ProductDefinitionError extends Error {
  override readonly name = 'ProductDefinitionError';
}

/**
 * The workflows each product allows: those it names, plus the workflows that name it (`product` option of the
 * subscription wrappers). Throws when either side names something unknown.
 */
export function allowedWorkflowsByProduct(
  products: readonly ProductDefinition[],
  workflows: readonly WorkflowDefinition[],
): Map<string, string[]> {
  const workflowNames = new Set(workflows.map((w) => w.name));
  const allowed = new Map(products.map((p) => [p.name, new Set<string>()]));
  for (const product of products) {
    for (const name of product.workflows) {
      if (!workflowNames.has(name)) {
        throw new ProductDefinitionError(
          `product "${product.name}" allows workflow "${name}", which is not registered`,
        );
      }
      allowed.get(product.name)?.add(name);
    }
  }
  for (const workflow of workflows) {
    if (workflow.product === undefined) continue;
    const names = allowed.get(workflow.product);
    if (!names) {
      throw new ProductDefinitionError(
        `workflow "${workflow.name}" belongs to product "${workflow.product}", which is not registered`,
      );
    }
    names.add(workflow.name);
  }
  return new Map([...allowed].map(([name, names]) => [name, [...names].sort()]));
}

/**
 * Upserts the registered products, their fixed inputs and allowed workflows (run after syncWorkflows, under the
 * start-up lock). Products no longer registered stay: their subscriptions still refer to them.
 */
export async function syncProducts(
  manager: EntityManager,
  products: readonly ProductDefinition[],
  workflows: readonly WorkflowDefinition[],
): Promise<void> {
  const allowed = allowedWorkflowsByProduct(products, workflows);
  for (const product of products) {
    const [row] = (await manager.query(
      `INSERT INTO products (name, description, product_type, tag, status)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (name) DO UPDATE
         SET description = EXCLUDED.description, product_type = EXCLUDED.product_type, tag = EXCLUDED.tag,
             status = EXCLUDED.status
       RETURNING product_id`,
      [product.name, product.description, product.productType, product.tag, product.status],
    )) as { product_id: string }[];
    if (!row) throw new Error(`product "${product.name}" was not stored`);
    const names = Object.keys(product.fixedInputs);
    await manager.query(`DELETE FROM product_fixed_inputs WHERE product_id = $1 AND NOT (name = ANY($2::text[]))`, [
      row.product_id,
      names,
    ]);
    await manager.query(
      `INSERT INTO product_fixed_inputs (product_id, name, value)
       SELECT $1, * FROM unnest($2::text[], $3::text[])
       ON CONFLICT (product_id, name) DO UPDATE SET value = EXCLUDED.value`,
      [row.product_id, names, Object.values(product.fixedInputs)],
    );
    await manager.query(`DELETE FROM product_workflows WHERE product_id = $1`, [row.product_id]);
    await manager.query(
      `INSERT INTO product_workflows (product_id, workflow_id)
       SELECT $1, workflow_id FROM workflows WHERE name = ANY($2::text[])`,
      [row.product_id, allowed.get(product.name) ?? []],
    );
  }
}
