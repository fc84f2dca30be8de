import { Router } from 'express';
import type { ProductModelQueries } from '@orchestrator/db';

/** `GET /api/product-blocks` and `GET /api/resource-types` (ENGINE.md 13.2). */
export function productModelRoutes(productModel: ProductModelQueries): Router {
  const router = Router();

  // Role: read (ENGINE.md 10.6: every GET).
  router.get('/product-blocks', async (_req, res) => {
    res.json(await productModel.blocks());
  });

  // Role: read (ENGINE.md 10.6: every GET).
  router.get('/resource-types', async (_req, res) => {
    res.json(await productModel.resourceTypes());
  });

  return router;
}
