import { Router } from 'express';
import { z } from 'zod';
import { AUDIT_OUTCOMES, type AuditTrail } from '@orchestrator/db';
import { ApiError } from '../api-error';
import { zodDetails } from '../request-input';

// Each filter is one exact match; `q` and `sort` (libs/search, ENGINE.md 11.2) join them here.
const listQuerySchema = z
  .object({
    actor: z.string().min(1).optional(),
    action: z.string().min(1).optional(),
    targetId: z.string().min(1).optional(),
    outcome: z.enum(AUDIT_OUTCOMES).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(50),
    cursor: z.string().min(1).optional(),
  })
  .strict();

/** `GET /api/audit-events` (admin): newest first, `{ items, nextCursor }` (ENGINE.md 10.9). */
export function auditEventRoutes(trail: AuditTrail): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    const parsed = listQuerySchema.safeParse(req.query);
    if (!parsed.success) throw new ApiError('VALIDATION_FAILED', 'invalid query parameters', zodDetails(parsed.error));
    res.json(await trail.list(parsed.data));
  });
  return router;
}
