import { EntitySchema } from 'typeorm';
import { oneOf, type ColumnsOf } from './entity-columns';

export const AUDIT_OUTCOMES = ['allowed', 'denied'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

/**
 * One entry of the audit trail (ENGINE.md 10.9): an allowed change, committed with the change itself, or a
 * refused attempt. Append-only: a trigger refuses UPDATE, DELETE and TRUNCATE (migration 1764500000000).
 */
export interface AuditEventRow {
  id: string;
  at: Date;
  /** The acting user; for a refused token, whom it claimed to be. */
  actor: string;
  /** What was done or attempted, as the API's route table names it: `process.start`, `api-key.revoke`, ... */
  action: string;
  /** `process`, `subscription`, `api-key`, `engine`, `processes` (many at once), `route` (a refused request). */
  targetType: string;
  targetId: string | null;
  outcome: AuditOutcome;
  details: Record<string, unknown>;
}

const columns: ColumnsOf<AuditEventRow> = {
  id: { type: 'uuid', primary: true, generated: 'uuid' },
  at: { type: 'timestamptz', default: () => 'clock_timestamp()' },
  actor: { type: 'text' },
  action: { type: 'text' },
  targetType: { name: 'target_type', type: 'text' },
  targetId: { name: 'target_id', type: 'text', nullable: true },
  outcome: { type: 'text' },
  details: { type: 'jsonb', default: () => "'{}'" },
};

// Newest first: TypeORM cannot say DESC, so the migration keeps these indexes (synchronize: false).
const newestFirst = (name: string, filter: (keyof AuditEventRow)[]) => ({
  name,
  columns: [...filter, 'at', 'id'],
  synchronize: false,
});

export const AuditEventEntity = new EntitySchema<AuditEventRow>({
  name: 'AuditEvent',
  tableName: 'audit_events',
  columns,
  checks: [{ name: 'audit_events_outcome_check', expression: oneOf('outcome', AUDIT_OUTCOMES) }],
  indices: [
    newestFirst('audit_events_at_idx', []),
    newestFirst('audit_events_actor_idx', ['actor']),
    newestFirst('audit_events_target_idx', ['targetId']),
  ],
});
