import type { DataSource } from 'typeorm';
import type { ChildKind, RequiredFrom } from '@orchestrator/engine';

export interface ProductBlockRecord {
  id: string;
  name: string;
  description: string;
  tag: string;
  createdAt: Date;
  resources: { name: string; description: string | null; requiredFrom: RequiredFrom | null }[];
  blocks: {
    attribute: string;
    block: string;
    kind: ChildKind;
    min: number;
    max: number | null;
    requiredFrom: RequiredFrom | null;
  }[];
  /** Products whose tree contains the block (as root or deeper). */
  products: string[];
}

export interface ResourceTypeRecord {
  id: string;
  name: string;
  description: string | null;
  blocks: string[];
}

// The blocks each product's tree contains: its root block and, down the children, every block under it.
const PRODUCTS_USING = `
  WITH RECURSIVE reach(product, block) AS (
    SELECT p.name, p.root_block_id FROM products p WHERE p.root_block_id IS NOT NULL
    UNION
    SELECT r.product, c.child_block_id FROM reach r JOIN product_block_children c ON c.product_block_id = r.block
  )
  SELECT block, array_agg(DISTINCT product ORDER BY product) AS products FROM reach GROUP BY block`;

/** Reads for `GET /api/product-blocks` and `GET /api/resource-types` (ENGINE.md 13.2). */
export class ProductModelQueries {
  constructor(private readonly dataSource: DataSource) {}

  async blocks(): Promise<ProductBlockRecord[]> {
    return (await this.dataSource.query(
      `WITH using_products AS (${PRODUCTS_USING})
       SELECT b.product_block_id AS id, b.name, b.description, b.tag, b.created_at AS "createdAt",
              COALESCE((SELECT jsonb_agg(jsonb_build_object('name', rt.resource_type, 'description', rt.description,
                                                            'requiredFrom', br.required_from) ORDER BY rt.resource_type)
                          FROM product_block_resource_types br JOIN resource_types rt USING (resource_type_id)
                         WHERE br.product_block_id = b.product_block_id), '[]'::jsonb) AS resources,
              COALESCE((SELECT jsonb_agg(jsonb_build_object('attribute', c.attribute, 'block', cb.name, 'kind', c.kind,
                                                            'min', c.min_count, 'max', c.max_count,
                                                            'requiredFrom', c.required_from) ORDER BY c.attribute)
                          FROM product_block_children c JOIN product_blocks cb ON cb.product_block_id = c.child_block_id
                         WHERE c.product_block_id = b.product_block_id), '[]'::jsonb) AS blocks,
              COALESCE((SELECT u.products FROM using_products u WHERE u.block = b.product_block_id), '{}') AS products
         FROM product_blocks b
        ORDER BY b.name`,
    )) as ProductBlockRecord[];
  }

  async resourceTypes(): Promise<ResourceTypeRecord[]> {
    return (await this.dataSource.query(
      `SELECT rt.resource_type_id AS id, rt.resource_type AS name, rt.description,
              ARRAY(SELECT b.name FROM product_block_resource_types br JOIN product_blocks b USING (product_block_id)
                     WHERE br.resource_type_id = rt.resource_type_id ORDER BY b.name) AS blocks
         FROM resource_types rt
        ORDER BY rt.resource_type`,
    )) as ResourceTypeRecord[];
  }
}
