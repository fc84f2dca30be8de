import { Router, type Request } from 'express';
import { z } from 'zod';
import { ROLES } from '@orchestrator/auth';
import type { ApiKeyRecordJson, ApiKeyStore } from '@orchestrator/db';
import { isUuid } from '@orchestrator/engine';
import { ApiError } from '../api-error';
import { bodyObject, zodDetails } from '../request-input';
import { actorOf, auditOf } from '../security/request-auth';

/** The name ADMIN_API_KEY acts under; no stored key may take it. */
export const RESERVED_KEY_NAME = 'admin';

const createKeySchema = z
  .object({
    // It becomes the acting user (createdBy, audit rows, log lines): plain characters only.
    name: z
      .string()
      .trim()
      .regex(
        /^[A-Za-z0-9][A-Za-z0-9._@-]{0,99}$/,
        'letters, digits and . _ @ - (at most 100, starting with a letter or digit)',
      )
      .refine(
        (name) => name.toLowerCase() !== RESERVED_KEY_NAME,
        `"${RESERVED_KEY_NAME}" is reserved for ADMIN_API_KEY`,
      ),
    role: z.enum(ROLES),
  })
  .strict();

const keyJson = (record: ApiKeyRecordJson) => ({
  id: record.id,
  name: record.name,
  role: record.role,
  createdBy: record.createdBy,
  createdAt: record.createdAt,
  lastUsedAt: record.lastUsedAt,
  revokedAt: record.revokedAt,
});

/** `POST /api/api-keys` (the key shown once), `GET` (no secrets), `DELETE /{id}` (revoke): ENGINE.md 10.3. */
export function apiKeyRoutes(apiKeys: ApiKeyStore): Router {
  const router = Router();

  router.post('/', async (req, res) => {
    const parsed = createKeySchema.safeParse(bodyObject(req));
    if (!parsed.success) throw new ApiError('VALIDATION_FAILED', 'expected {"name", "role"}', zodDetails(parsed.error));
    const created = await apiKeys.create({ ...parsed.data, createdBy: actorOf(req) }, auditOf(req));
    switch (created.kind) {
      case 'name_taken':
        throw new ApiError(
          'API_KEY_NAME_TAKEN',
          `an API key named "${parsed.data.name}" exists (or existed): pick another name`,
        );
      case 'created':
        res
          .status(201)
          .json({ id: created.record.id, name: created.record.name, role: created.record.role, key: created.key });
    }
  });

  router.get('/', async (_req, res) => {
    res.json((await apiKeys.list()).map(keyJson));
  });

  router.delete('/:id', async (req, res) => {
    const id = keyId(req);
    const outcome = await apiKeys.revoke(id, auditOf(req));
    switch (outcome.kind) {
      case 'not_found':
        throw new ApiError('API_KEY_NOT_FOUND', `API key ${id} not found`);
      case 'revoked':
      case 'already_revoked':
        res.status(204).end();
    }
  });

  return router;
}

function keyId(req: Request): string {
  const id = String(req.params.id);
  if (!isUuid(id)) throw new ApiError('API_KEY_NOT_FOUND', `API key ${id} not found`);
  return id.toLowerCase();
}
