import { recordAuditEvent, type Audit } from '../audit/audit';
import type { DataSource } from 'typeorm';
import { PRODUCT_STATUSES, type ProductStatus } from '@orchestrator/engine';

export interface ProductChanges {
  description?: string;
  status?: ProductStatus;
}

export type ProductUpdateOutcome =
  | { readonly kind: 'updated'; readonly id: string }
  | { readonly kind: 'not_found' }
  /** End of life refused: these subscriptions of the product are not terminated. */
  | { readonly kind: 'in_use'; readonly subscriptionIds: string[]; readonly count: number };

/** The writes the API makes to products (ENGINE.md 13.8). */
export class ProductCommands {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Changes a product's description and lifecycle status, under its row lock: a create that is adding a
   * subscription holds a share lock on the row, so end of life waits for it and then counts it. End of life
   * is refused while a subscription of the product is not terminated; it sets `endDate`. The audit row
   * (product.update) commits with the change.
   */
  update(idOrName: string, byId: boolean, changes: ProductChanges, audit: Audit | null): Promise<ProductUpdateOutcome> {
    if (changes.status !== undefined && !PRODUCT_STATUSES.includes(changes.status)) {
      throw new TypeError(`"${String(changes.status)}" is not a product status`);
    }
    return this.dataSource.transaction(async (tx) => {
      const [product] = (await tx.query(
        `SELECT product_id::text AS id FROM products WHERE ${byId ? 'product_id = $1::uuid' : 'name = $1'} FOR UPDATE`,
        [idOrName],
      )) as { id: string }[];
      if (!product) return { kind: 'not_found' };
      if (changes.status === 'end of life') {
        const open = (await tx.query(
          `SELECT subscription_id::text AS id, count(*) OVER () AS count FROM subscriptions
            WHERE product_id = $1 AND status <> 'terminated' ORDER BY created_at LIMIT 20`,
          [product.id],
        )) as { id: string; count: string }[];
        if (open.length > 0) {
          return { kind: 'in_use', subscriptionIds: open.map((row) => row.id), count: Number(open[0]?.count ?? 0) };
        }
      }
      await tx.query(
        `UPDATE products
            SET description = COALESCE($2, description), status = COALESCE($3, status),
                end_date = CASE WHEN $3 = 'end of life' THEN COALESCE(end_date, now())
                                WHEN $3 IS NOT NULL THEN NULL ELSE end_date END
          WHERE product_id = $1`,
        [product.id, changes.description ?? null, changes.status ?? null],
      );
      await recordAuditEvent(tx, audit, { targetType: 'product', targetId: product.id, details: { ...changes } });
      return { kind: 'updated', id: product.id };
    });
  }
}
