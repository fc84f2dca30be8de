import { z } from 'zod';
import { AUDIT_OUTCOMES } from '@orchestrator/db';
import { jsonObject, listParameters, pageFields, timestamp, uuid } from '../openapi/common-schemas';
import { defineOperation } from '../openapi/operation';

const auditEvent = z
  .object({
    id: uuid,
    at: timestamp,
    actor: z.string(),
    action: z.string().meta({ example: 'process.abort' }),
    targetType: z.string(),
    targetId: z.string().nullable(),
    outcome: z.enum(AUDIT_OUTCOMES),
    details: jsonObject,
  })
  .meta({ id: 'AuditEvent' });

export const listAuditEvents = defineOperation({
  method: 'get',
  path: '/api/audit-events',
  operationId: 'listAuditEvents',
  summary: 'The audit trail, newest first',
  description: '`q` searches (README: search syntax), `details.<path>` too.',
  tag: 'security',
  query: z
    .object({
      actor: z.string().min(1).optional(),
      action: z.string().min(1).optional(),
      targetId: z.string().min(1).optional(),
      outcome: z.enum(AUDIT_OUTCOMES).optional(),
      ...listParameters(['at'], 'at,desc'),
    })
    .strict(),
  responses: {
    200: {
      description: 'A page of audit events',
      schema: z.object({ items: z.array(auditEvent), ...pageFields }).meta({ id: 'AuditEventPage' }),
    },
  },
  errors: ['VALIDATION_FAILED', 'INVALID_QUERY', 'INVALID_CURSOR'],
});
