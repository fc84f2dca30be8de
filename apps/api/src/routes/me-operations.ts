import { z } from 'zod';
import { defineOperation } from '../openapi/operation';

export const getMe = defineOperation({
  method: 'get',
  path: '/api/me',
  operationId: 'getMe',
  summary: 'Who the caller is',
  description:
    'The acting user (stored as `createdBy` and in audit rows), the role and how the credential came: an API ' +
    'key (Bearer), an OIDC access token, Basic (a browser; the token as password) or AUTH_DISABLED. Not audited.',
  tag: 'security',
  responses: {
    200: {
      description: 'The caller',
      schema: z
        .object({
          name: z.string(),
          role: z.enum(['read', 'operate', 'admin']),
          via: z.enum(['api-key', 'oidc', 'basic', 'disabled']),
        })
        .meta({ id: 'Me', example: { name: 'ci-pipeline', role: 'operate', via: 'api-key' } }),
    },
  },
  errors: [],
});
