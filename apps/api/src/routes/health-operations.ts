import { z } from 'zod';
import { defineOperation } from '../openapi/operation';

const readiness = z
  .object({
    status: z.enum(['ready', 'degraded', 'not_ready']),
    checks: z.object({ database: z.boolean(), redis: z.boolean(), queues: z.boolean().nullable() }),
    message: z.string().optional(),
  })
  .meta({ id: 'Readiness' });

export const liveness = defineOperation({
  method: 'get',
  path: '/health/live',
  operationId: 'liveness',
  summary: 'The process answers',
  tag: 'health',
  responses: { 200: { description: 'Alive', schema: z.object({ status: z.literal('ok') }) } },
  errors: [],
});

export const readinessCheck = defineOperation({
  method: 'get',
  path: '/health/ready',
  operationId: 'readiness',
  summary: 'PostgreSQL and Redis answer',
  description: '`degraded` (still 200) while a queue is paused in Redis outside the engine.',
  tag: 'health',
  responses: {
    200: { description: 'Ready, or degraded', schema: readiness },
    503: { description: 'PostgreSQL or Redis is down (named in the message)', schema: readiness },
  },
  errors: [],
});
