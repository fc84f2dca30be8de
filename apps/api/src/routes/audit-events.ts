import { Router } from 'express';
import type { AuditTrail } from '@orchestrator/db';
import { queryOf, reply } from '../openapi/operation';
import { listAuditEvents } from './audit-events-operations';

/** `GET /api/audit-events` (admin): newest first, `{ items, nextCursor, total }` (ENGINE.md 10.9, 11.2). */
export function auditEventRoutes(trail: AuditTrail): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    const { limit, cursor, q, sort, ...filters } = queryOf(listAuditEvents, req);
    reply(res, listAuditEvents, 200, await trail.list(filters, { limit, cursor, q, sort }));
  });
  return router;
}
