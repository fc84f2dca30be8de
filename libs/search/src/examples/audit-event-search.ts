import { defineSearchFields, defineSort } from '@orchestrator/search';

/**
 * The searchable and sortable fields of `GET /api/audit-events`, over `FROM audit_events a`, a table of
 * `(id uuid, at timestamptz, actor text, action text, target_type text, target_id text, outcome text,
 * details jsonb)` (ENGINE.md 10.9).
 */
export const AUDIT_EVENT_FROM = 'audit_events a';

export const auditEventSearchFields = defineSearchFields({
  id: { kind: 'uuid', sql: 'a.id', freeText: true },
  at: { kind: 'date', sql: 'a.at' },
  actor: { kind: 'text', sql: 'a.actor', freeText: true },
  action: { kind: 'text', sql: 'a.action', freeText: true },
  targetType: { kind: 'text', sql: 'a.target_type', freeText: true },
  targetId: { kind: 'text', sql: 'a.target_id', freeText: true },
  outcome: { kind: 'enum', sql: 'a.outcome', values: ['allowed', 'denied'], freeText: true },
  details: { kind: 'json', sql: 'a.details' },
});

export const auditEventSort = defineSort({
  list: 'audit-events',
  fields: { at: { sql: 'a.at', kind: 'date' } },
  id: { sql: 'a.id', kind: 'uuid' },
  default: 'at,desc',
});
