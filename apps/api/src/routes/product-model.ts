import { Router } from 'express';
import type { ProductModelQueries } from '@orchestrator/db';
import { reply } from '../openapi/operation';
import { listProductBlocks, listResourceTypes } from './product-model-operations';

/** `GET /api/product-blocks` and `GET /api/resource-types` (ENGINE.md 13.2). */
export function productModelRoutes(productModel: ProductModelQueries): Router {
  const router = Router();

  router.get('/product-blocks', async (_req, res) => {
    reply(res, listProductBlocks, 200, await productModel.blocks());
  });

  router.get('/resource-types', async (_req, res) => {
    reply(res, listResourceTypes, 200, await productModel.resourceTypes());
  });

  return router;
}
