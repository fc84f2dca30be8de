import { z } from 'zod';
import { ROLES } from '@orchestrator/auth';
import { timestamp, uuid } from '../openapi/common-schemas';
import { defineOperation } from '../openapi/operation';

/** The name ADMIN_API_KEY acts under; no stored key may take it. */
export const RESERVED_KEY_NAME = 'admin';

const role = z.enum(ROLES).meta({ id: 'Role' });

const apiKey = z
  .object({
    id: uuid,
    name: z.string(),
    role,
    createdBy: z.string(),
    createdAt: timestamp,
    lastUsedAt: timestamp.nullable(),
    revokedAt: timestamp.nullable(),
  })
  .meta({ id: 'ApiKey' });

export const createApiKey = defineOperation({
  method: 'post',
  path: '/api/api-keys',
  operationId: 'createApiKey',
  summary: 'Create an API key (shown once)',
  tag: 'security',
  body: z
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
      role,
    })
    .strict()
    .meta({ example: { name: 'noc-automation', role: 'operate' } }),
  responses: {
    201: {
      description: 'The key, the only time it is shown',
      schema: z.object({ id: uuid, name: z.string(), role, key: z.string().meta({ example: 'ork_3kX...' }) }),
    },
  },
  errors: ['VALIDATION_FAILED', 'API_KEY_NAME_TAKEN'],
});

export const listApiKeys = defineOperation({
  method: 'get',
  path: '/api/api-keys',
  operationId: 'listApiKeys',
  summary: 'The API keys, without secrets',
  tag: 'security',
  responses: { 200: { description: 'Every key, revoked ones too', schema: z.array(apiKey) } },
  errors: [],
});

export const revokeApiKey = defineOperation({
  method: 'delete',
  path: '/api/api-keys/:id',
  operationId: 'revokeApiKey',
  summary: 'Revoke an API key',
  tag: 'security',
  params: z.object({ id: uuid }),
  responses: { 204: { description: 'Revoked (or revoked already)' } },
  errors: ['API_KEY_NOT_FOUND'],
});
