import type { DataSource } from 'typeorm';
import type { ProductFixedInputRow, ProductRow, WorkflowRow } from '../entities';

export interface ProductRecord extends Pick<
  ProductRow,
  'name' | 'description' | 'productType' | 'tag' | 'status' | 'createdAt' | 'endDate'
> {
  id: ProductRow['productId'];
  fixedInputs: Record<ProductFixedInputRow['name'], ProductFixedInputRow['value']>;
  /** Names of the workflows the product allows (not deleted ones). */
  workflows: WorkflowRow['name'][];
}

const PRODUCT_SELECT = `
  SELECT p.product_id AS id, p.name, p.description, p.product_type AS "productType", p.tag, p.status,
         p.created_at AS "createdAt", p.end_date AS "endDate",
         COALESCE((SELECT jsonb_object_agg(f.name, f.value) FROM product_fixed_inputs f
                    WHERE f.product_id = p.product_id), '{}'::jsonb) AS "fixedInputs",
         ARRAY(SELECT w.name FROM product_workflows pw JOIN workflows w USING (workflow_id)
                WHERE pw.product_id = p.product_id AND w.deleted_at IS NULL ORDER BY w.name) AS workflows
    FROM products p`;

/** Reads for the product endpoints. */
export class ProductQueries {
  constructor(private readonly dataSource: DataSource) {}

  async list(): Promise<ProductRecord[]> {
    return (await this.dataSource.query(`${PRODUCT_SELECT} ORDER BY p.name`)) as ProductRecord[];
  }

  /** The products that allow a workflow, with their lifecycle status (a CREATE's orderability). */
  async allowing(workflowName: string): Promise<Pick<ProductRecord, 'name' | 'status'>[]> {
    return (await this.dataSource.query(
      `SELECT p.name, p.status FROM products p
         JOIN product_workflows pw ON pw.product_id = p.product_id
         JOIN workflows w ON w.workflow_id = pw.workflow_id
        WHERE w.name = $1 ORDER BY p.name`,
      [workflowName],
    )) as Pick<ProductRecord, 'name' | 'status'>[];
  }

  /** By id (a UUID) or by name. */
  async find(idOrName: string, byId: boolean): Promise<ProductRecord | undefined> {
    const rows = (await this.dataSource.query(
      `${PRODUCT_SELECT} WHERE ${byId ? 'p.product_id = $1::uuid' : 'p.name = $1'}`,
      [idOrName],
    )) as ProductRecord[];
    return rows[0];
  }
}
