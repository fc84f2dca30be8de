import { Router } from 'express';
import { isUuid } from '@orchestrator/engine';
import type { AppDeps } from '../app';
import { ApiError } from '../api-error';
import { bodyOf, reply } from '../openapi/operation';
import { getProduct, listProducts, updateProduct } from './products-operations';
import { actorOf, auditOf } from '../security/request-auth';
import { productJson } from '../subscription-json';

export type ProductRoutesDeps = Pick<AppDeps, 'products' | 'productCommands' | 'logger'>;

/** GET /api/products, GET /api/products/{id or name}, PATCH /api/products/{id or name}. */
export function productRoutes(deps: ProductRoutesDeps): Router {
  const router = Router();

  router.get('/', async (_req, res) => {
    reply(res, listProducts, 200, (await deps.products.list()).map(productJson));
  });

  router.get('/:id', async (req, res) => {
    const key = String(req.params.id);
    const found = await deps.products.find(key, isUuid(key));
    if (!found) throw productNotFound(key);
    reply(res, getProduct, 200, productJson(found));
  });

  // The product lifecycle (ENGINE.md 13.8): end of life refused while a subscription is not terminated.
  router.patch('/:id', async (req, res) => {
    const key = String(req.params.id);
    const changes = bodyOf(updateProduct, req, 'invalid product changes');
    const outcome = await deps.productCommands.update(key, isUuid(key), changes, auditOf(req));
    switch (outcome.kind) {
      case 'not_found':
        throw productNotFound(key);
      case 'in_use':
        throw new ApiError(
          'PRODUCT_IN_USE',
          `product ${key} has ${outcome.count} subscription(s) that are not terminated: ${outcome.subscriptionIds.join(', ')}${outcome.count > outcome.subscriptionIds.length ? ', ...' : ''}`,
          outcome.subscriptionIds.map((id) => ({ path: 'status', message: `subscription ${id} is not terminated` })),
        );
      case 'updated':
        break;
    }
    deps.logger.info({ productId: outcome.id, changes, actor: actorOf(req) }, 'product changed');
    const found = await deps.products.find(outcome.id, true);
    if (!found) throw productNotFound(key);
    reply(res, updateProduct, 200, productJson(found));
  });

  return router;
}

function productNotFound(key: string): ApiError {
  return new ApiError('PRODUCT_NOT_FOUND', `product ${key} not found`);
}
