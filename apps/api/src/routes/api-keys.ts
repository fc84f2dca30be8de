import { Router, type Request } from 'express';
import type { ApiKeyRecordJson, ApiKeyStore } from '@orchestrator/db';
import { isUuid } from '@orchestrator/engine';
import { ApiError } from '../api-error';
import { bodyOf, reply, replyEmpty } from '../openapi/operation';
import { createApiKey, listApiKeys, revokeApiKey } from './api-keys-operations';
import { actorOf, auditOf } from '../security/request-auth';

export { RESERVED_KEY_NAME } from './api-keys-operations';

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
    const body = bodyOf(createApiKey, req, 'expected {"name", "role"}');
    const created = await apiKeys.create({ ...body, createdBy: actorOf(req) }, auditOf(req));
    switch (created.kind) {
      case 'name_taken':
        throw new ApiError(
          'API_KEY_NAME_TAKEN',
          `an API key named "${body.name}" exists (or existed): pick another name`,
        );
      case 'created':
        reply(res, createApiKey, 201, {
          id: created.record.id,
          name: created.record.name,
          role: created.record.role,
          key: created.key,
        });
    }
  });

  router.get('/', async (_req, res) => {
    reply(res, listApiKeys, 200, (await apiKeys.list()).map(keyJson));
  });

  router.delete('/:id', async (req, res) => {
    const id = keyId(req);
    const outcome = await apiKeys.revoke(id, auditOf(req));
    switch (outcome.kind) {
      case 'not_found':
        throw new ApiError('API_KEY_NOT_FOUND', `API key ${id} not found`);
      case 'revoked':
      case 'already_revoked':
        replyEmpty(res, revokeApiKey, 204);
    }
  });

  return router;
}

function keyId(req: Request): string {
  const id = String(req.params.id);
  if (!isUuid(id)) throw new ApiError('API_KEY_NOT_FOUND', `API key ${id} not found`);
  return id.toLowerCase();
}
