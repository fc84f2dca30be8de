import { In, Not, type EntityManager } from 'typeorm';
import { EVERY_PRODUCT_WORKFLOWS, type ProductDefinition, type WorkflowDefinition } from '@orchestrator/engine';
import { ProductEntity, ProductFixedInputEntity, ProductWorkflowEntity, WorkflowEntity } from '../entities';

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
  const everyProduct = EVERY_PRODUCT_WORKFLOWS.filter((name) => workflowNames.has(name));
  const allowed = new Map(products.map((p) => [p.name, new Set<string>(everyProduct)]));
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
 * start-up lock), a statement or two per table however many products there are. Products no longer registered
 * stay: their subscriptions still refer to them.
 */
export async function syncProducts(
  manager: EntityManager,
  products: readonly ProductDefinition[],
  workflows: readonly WorkflowDefinition[],
): Promise<void> {
  const allowed = allowedWorkflowsByProduct(products, workflows);
  if (products.length === 0) return;
  const productId = await upsertProducts(manager, products);
  const workflowId = await workflowIds(manager, [...new Set([...allowed.values()].flat())]);

  const fixedInputs = manager.getRepository(ProductFixedInputEntity);
  await fixedInputs.delete(
    products.map((p) => ({ productId: productId(p.name), name: Not(In(Object.keys(p.fixedInputs))) })),
  );
  const inputs = products.flatMap((p) =>
    Object.entries(p.fixedInputs).map(([name, value]) => ({ productId: productId(p.name), name, value })),
  );
  if (inputs.length > 0) await fixedInputs.upsert(inputs, { conflictPaths: ['productId', 'name'] });

  const productWorkflows = manager.getRepository(ProductWorkflowEntity);
  await productWorkflows.delete({ productId: In(products.map((p) => productId(p.name))) });
  const links = products.flatMap((p) =>
    (allowed.get(p.name) ?? []).map((name) => ({ productId: productId(p.name), workflowId: workflowId(name) })),
  );
  if (links.length > 0) await productWorkflows.insert(links);
}

/**
 * Upserts the products (one statement) and answers their ids by name. The description and the lifecycle
 * status come from the code when a product is first registered; after that they are the operator's
 * (`PATCH /api/products/{id}`, ENGINE.md 13.8), so a restart does not undo an end of life.
 */
async function upsertProducts(
  manager: EntityManager,
  products: readonly ProductDefinition[],
): Promise<(name: string) => string> {
  const repository = manager.getRepository(ProductEntity);
  await repository
    .createQueryBuilder()
    .insert()
    .values(
      products.map(({ name, description, productType, tag, status }) => ({
        name,
        description,
        productType,
        tag,
        status,
      })),
    )
    .orUpdate(['product_type', 'tag'], ['name'])
    .execute();
  const rows = await repository.find({
    select: { productId: true, name: true },
    where: { name: In(products.map((p) => p.name)) },
  });
  return idByName('product', new Map(rows.map((row) => [row.name, row.productId])));
}

async function workflowIds(manager: EntityManager, names: string[]): Promise<(name: string) => string> {
  const rows = await manager.getRepository(WorkflowEntity).find({
    select: { workflowId: true, name: true },
    where: { name: In(names) },
  });
  return idByName('workflow', new Map(rows.map((row) => [row.name, row.workflowId])));
}

function idByName(kind: string, ids: Map<string, string>): (name: string) => string {
  return (name) => {
    const id = ids.get(name);
    if (id === undefined) throw new Error(`${kind} "${name}" was not stored`);
    return id;
  };
}
