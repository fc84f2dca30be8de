import { Router } from 'express';
import { z } from 'zod';
import { isUuid, PRODUCT_STATUSES } from '@orchestrator/engine';
import type { AppDeps } from '../app';
import { ApiError } from '../api-error';
import { bodyObject, zodDetails } from '../request-input';
import { actorOf, auditOf } from '../security/request-auth';
import { productJson } from '../subscription-json';

export type ProductRoutesDeps = Pick<AppDeps, 'products' | 'productCommands' | 'logger'>;

const productChanges = z
  .object({ description: z.string().trim().min(1).max(2000).optional(), status: z.enum(PRODUCT_STATUSES).optional() })
  .strict();

/** GET /api/products, GET /api/products/{id or name}, PATCH /api/products/{id or name}. */
export function productRoutes(deps: ProductRoutesDeps): Router {
  const router = Router();

  router.get('/', async (_req, res) => {
    res.json((await deps.products.list()).map(productJson));
  });

  router.get('/:id', async (req, res) => {
    const key = String(req.params.id);
    const found = await deps.products.find(key, isUuid(key));
    if (!found) throw productNotFound(key);
    res.json(productJson(found));
  });

  // The product lifecycle (ENGINE.md 13.8): end of life refused while a subscription is not terminated.
  router.patch('/:id', async (req, res) => {
    const key = String(req.params.id);
    const parsed = productChanges.safeParse(bodyObject(req));
    if (!parsed.success) throw new ApiError('VALIDATION_FAILED', 'invalid product changes', zodDetails(parsed.error));
    const outcome = await deps.productCommands.update(key, isUuid(key), parsed.data, auditOf(req));
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
    deps.logger.info({ productId: outcome.id, changes: parsed.data, actor: actorOf(req) }, 'product changed');
    const found = await deps.products.find(outcome.id, true);
    if (!found) throw productNotFound(key);
    res.json(productJson(found));
  });

  return router;
}

function productNotFound(key: string): ApiError {
  return new ApiError('PRODUCT_NOT_FOUND', `product ${key} not found`);
}
