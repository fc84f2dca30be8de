import { Router } from 'express';
import type { ProductQueries } from '@orchestrator/db';
import { isUuid } from '@orchestrator/engine';
import { ApiError } from '../api-error';
import { productJson } from '../subscription-json';

/** GET /api/products and GET /api/products/{id or name}. */
export function productRoutes(products: ProductQueries): Router {
  const router = Router();

  router.get('/', async (_req, res) => {
    res.json((await products.list()).map(productJson));
  });

  router.get('/:id', async (req, res) => {
    const key = String(req.params.id);
    const found = await products.find(key, isUuid(key));
    if (!found) throw new ApiError('PRODUCT_NOT_FOUND', `product ${key} not found`);
    res.json(productJson(found));
  });

  return router;
}
