import {
  checkProductCatalog,
  requirementOf,
  type ProductDefinition,
  type ResourceSchemas,
  type WorkflowDefinition,
} from '@orchestrator/engine';
import type { Queryable } from '../queryable';
import { canonicalJson } from './canonical-json';
import { allowedWorkflowsByProduct } from './product-sync';

// task_validate_products (ENGINE.md 13.9): what the code defines against what the database holds. Start-up
// writes the code's model; another version of the code (an API or worker not yet upgraded, or one started
// with other WORKFLOW_MODULES) writes its own, and this finds where they part.

interface StoredProduct {
  name: string;
  productType: string;
  tag: string;
  rootBlock: string | null;
  workflows: string[];
}

interface StoredBlock {
  name: string;
  description: string;
  tag: string;
  resources: Record<string, string | null>;
  children: Record<
    string,
    { block: string; kind: string; min: number; max: number | null; requiredFrom: string | null }
  >;
}

/** Every difference between the code's products, blocks, resource types and workflows and the database's. */
export async function productModelDifferences(
  db: Queryable,
  products: readonly ProductDefinition[],
  workflows: readonly WorkflowDefinition[],
): Promise<string[]> {
  const differences: string[] = [];
  const differ = (what: string, code: unknown, stored: unknown) => {
    if (canonicalJson(code) !== canonicalJson(stored)) {
      differences.push(`${what}: the code says ${JSON.stringify(code)}, the database ${JSON.stringify(stored)}`);
    }
  };
  const catalog = checkProductCatalog(products);

  const storedProducts = new Map(
    (
      (await db.query(
        `SELECT p.name, p.product_type AS "productType", p.tag, b.name AS "rootBlock",
              ARRAY(SELECT w.name FROM product_workflows pw JOIN workflows w USING (workflow_id)
                     WHERE pw.product_id = p.product_id AND w.deleted_at IS NULL ORDER BY w.name) AS workflows
         FROM products p LEFT JOIN product_blocks b ON b.product_block_id = p.root_block_id`,
      )) as StoredProduct[]
    ).map((row) => [row.name, row]),
  );
  const allowed = allowedWorkflowsByProduct(products, workflows);
  for (const product of products) {
    const stored = storedProducts.get(product.name);
    if (!stored) {
      differences.push(`product ${product.name} is not in the database`);
      continue;
    }
    differ(`product ${product.name}: productType`, product.productType, stored.productType);
    differ(`product ${product.name}: tag`, product.tag, stored.tag);
    differ(`product ${product.name}: root block`, product.block.name, stored.rootBlock);
    differ(`product ${product.name}: workflows`, allowed.get(product.name) ?? [], stored.workflows);
  }
  for (const name of storedProducts.keys()) {
    if (!products.some((product) => product.name === name)) differences.push(`product ${name} is not in the code`);
  }

  const storedBlocks = new Map(
    (
      (await db.query(
        `SELECT b.name, b.description, b.tag,
              COALESCE((SELECT jsonb_object_agg(rt.resource_type, br.required_from)
                          FROM product_block_resource_types br JOIN resource_types rt USING (resource_type_id)
                         WHERE br.product_block_id = b.product_block_id), '{}'::jsonb) AS resources,
              COALESCE((SELECT jsonb_object_agg(c.attribute, jsonb_build_object('block', cb.name, 'kind', c.kind,
                               'min', c.min_count, 'max', c.max_count, 'requiredFrom', c.required_from))
                          FROM product_block_children c JOIN product_blocks cb ON cb.product_block_id = c.child_block_id
                         WHERE c.product_block_id = b.product_block_id), '{}'::jsonb) AS children
         FROM product_blocks b`,
      )) as StoredBlock[]
    ).map((row) => [row.name, row]),
  );
  for (const block of catalog.blocks.values()) {
    const stored = storedBlocks.get(block.name);
    if (!stored) {
      differences.push(`product block ${block.name} is not in the database`);
      continue;
    }
    differ(`product block ${block.name}: description`, block.description, stored.description);
    differ(`product block ${block.name}: tag`, block.tag, stored.tag);
    const resources = Object.fromEntries(
      Object.keys(block.resources as ResourceSchemas)
        .sort()
        .map((key) => [key, requirementOf(block, key)]),
    );
    differ(`product block ${block.name}: resources`, resources, stored.resources);
    const children = Object.fromEntries(
      [...catalog.children(block)]
        .sort((a, b) => a.attribute.localeCompare(b.attribute))
        .map((c) => [
          c.attribute,
          { block: c.block.name, kind: c.kind, min: c.min, max: c.max, requiredFrom: c.requiredFrom },
        ]),
    );
    differ(`product block ${block.name}: children`, children, stored.children);
  }

  const storedTypes = new Map(
    (
      (await db.query(`SELECT resource_type AS name, description FROM resource_types`)) as {
        name: string;
        description: string | null;
      }[]
    ).map((row) => [row.name, row.description]),
  );
  for (const type of catalog.resourceTypes) {
    if (!storedTypes.has(type.name)) differences.push(`resource type ${type.name} is not in the database`);
    else differ(`resource type ${type.name}: description`, type.description, storedTypes.get(type.name));
  }

  const storedWorkflows = (await db.query(`SELECT name FROM workflows WHERE deleted_at IS NULL`)) as { name: string }[];
  const registered = new Set(workflows.map((workflow) => workflow.name));
  const stored = new Set(storedWorkflows.map((row) => row.name));
  for (const name of registered) if (!stored.has(name)) differences.push(`workflow ${name} is not in the database`);
  for (const name of stored) if (!registered.has(name)) differences.push(`workflow ${name} is not in the code`);
  return differences;
}
