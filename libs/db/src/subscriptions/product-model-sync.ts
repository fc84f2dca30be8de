import { In, type EntityManager } from 'typeorm';
import { checkProductCatalog, requirementOf, type ProductDefinition, type ResourceSchemas } from '@orchestrator/engine';
import {
  ProductBlockChildEntity,
  ProductBlockEntity,
  ProductBlockResourceTypeEntity,
  ResourceTypeEntity,
} from '../entities';

/**
 * Upserts the product model (ENGINE.md 13.2) after the products, under the start-up lock: the resource types,
 * the blocks reachable from the products, each block's resources and children (replaced), and each product's
 * root block. A handful of statements for any number of blocks. Blocks and resource types no longer in the
 * code stay, since subscriptions' instances and values refer to them.
 */
export async function syncProductModel(manager: EntityManager, products: readonly ProductDefinition[]): Promise<void> {
  if (products.length === 0) return;
  const catalog = checkProductCatalog(products);
  const blocks = [...catalog.blocks.values()];

  const resourceTypes = manager.getRepository(ResourceTypeEntity);
  if (catalog.resourceTypes.length > 0) {
    await resourceTypes.upsert(
      catalog.resourceTypes.map((type) => ({ resourceType: type.name, description: type.description })),
      { conflictPaths: ['resourceType'] },
    );
  }
  const typeRows = await resourceTypes.find({
    select: { resourceTypeId: true, resourceType: true },
    where: { resourceType: In(catalog.resourceTypes.map((type) => type.name)) },
  });
  const typeId = idOf('resource type', new Map(typeRows.map((row) => [row.resourceType, row.resourceTypeId])));

  const blockRepository = manager.getRepository(ProductBlockEntity);
  await blockRepository.upsert(
    blocks.map(({ name, description, tag }) => ({ name, description, tag })),
    { conflictPaths: ['name'] },
  );
  const blockRows = await blockRepository.find({
    select: { productBlockId: true, name: true },
    where: { name: In(blocks.map((block) => block.name)) },
  });
  const blockId = idOf('product block', new Map(blockRows.map((row) => [row.name, row.productBlockId])));
  const blockIds = blocks.map((block) => blockId(block.name));

  const resources = manager.getRepository(ProductBlockResourceTypeEntity);
  await resources.delete({ productBlockId: In(blockIds) });
  const resourceRows = blocks.flatMap((block) =>
    Object.keys(block.resources as ResourceSchemas).map((key) => ({
      productBlockId: blockId(block.name),
      resourceTypeId: typeId(key),
      requiredFrom: requirementOf(block, key),
    })),
  );
  if (resourceRows.length > 0) await resources.insert(resourceRows);

  const children = manager.getRepository(ProductBlockChildEntity);
  await children.delete({ productBlockId: In(blockIds) });
  const childRows = blocks.flatMap((block) =>
    catalog.children(block).map((child) => ({
      productBlockId: blockId(block.name),
      attribute: child.attribute,
      childBlockId: blockId(child.block.name),
      kind: child.kind,
      minCount: child.min,
      maxCount: child.max,
      requiredFrom: child.requiredFrom,
    })),
  );
  if (childRows.length > 0) await children.insert(childRows);

  await manager.query(
    `UPDATE products p SET root_block_id = d.block
       FROM jsonb_to_recordset($1::jsonb) AS d(name text, block uuid)
      WHERE p.name = d.name AND p.root_block_id IS DISTINCT FROM d.block`,
    [JSON.stringify(products.map((product) => ({ name: product.name, block: blockId(product.block.name) })))],
  );
}

function idOf(kind: string, ids: Map<string, string>): (name: string) => string {
  return (name) => {
    const id = ids.get(name);
    if (id === undefined) throw new Error(`${kind} "${name}" was not stored`);
    return id;
  };
}
