import type { DataSource } from 'typeorm';
import { defineSearchFields, defineSort } from '@orchestrator/search';
import { AUDIT_OUTCOMES, type AuditEventRow, type AuditOutcome } from '../entities/audit-event.entity';
import { ListFilters, searchedList, type ListPage, type ListRequest } from '../lists/searched-list';
import { recordAuditEvent, type Audit, type AuditTarget } from './audit';

export type AuditEventRecord = AuditEventRow;

/** The plain filters of `GET /api/audit-events`, beside `q` (each an exact match; all of them ANDed). */
export interface AuditEventFilter {
  actor?: string;
  action?: string;
  targetId?: string;
  outcome?: AuditOutcome;
}

export const AUDIT_EVENT_FROM = 'audit_events a';

/** `q` of `GET /api/audit-events` over AUDIT_EVENT_FROM (ENGINE.md 11.2); `details.<path>` in the row's JSON. */
export const auditEventSearchFields = defineSearchFields({
  id: { kind: 'uuid', sql: 'a.id', freeText: true },
  at: { kind: 'date', sql: 'a.at' },
  actor: { kind: 'text', sql: 'a.actor', freeText: true },
  action: { kind: 'text', sql: 'a.action', freeText: true },
  targetType: { kind: 'text', sql: 'a.target_type', freeText: true },
  targetId: { kind: 'text', sql: 'a.target_id', freeText: true },
  outcome: { kind: 'enum', sql: 'a.outcome', values: AUDIT_OUTCOMES, freeText: true },
  details: { kind: 'json', sql: 'a.details' },
});

/** Newest first, ties broken by id. */
export const AUDIT_EVENT_SORT = defineSort({
  list: 'audit-events',
  fields: { at: { sql: 'a.at', kind: 'date' } },
  id: { sql: 'a.id', kind: 'uuid' },
  default: 'at,desc',
});

const COLUMNS = `a.id, a.at, a.actor, a.action, a.target_type AS "targetType", a.target_id AS "targetId",
                 a.outcome, a.details`;

/** The audit trail as the API reads it, and the refused attempts it appends (ENGINE.md 10.9). */
export class AuditTrail {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * A change made of many changes each committed alone (a bulk action): one row for all of them, written
   * once they are done, with their counts in `target.details`.
   */
  recordAllowed(audit: Audit, target: AuditTarget): Promise<void> {
    return recordAuditEvent(this.dataSource, audit, target, 'allowed');
  }

  /** A refused attempt (401 with a token naming a user, 403): a row of its own. */
  recordDenied(audit: Audit, target: AuditTarget): Promise<void> {
    return recordAuditEvent(this.dataSource, audit, target, 'denied');
  }

  /** `GET /api/audit-events`: the filters AND `q`, newest first unless sorted otherwise. */
  async list(filter: AuditEventFilter, request: ListRequest): Promise<ListPage<AuditEventRecord>> {
    const filters = new ListFilters()
      .add(filter.actor, 'text', (actor) => `a.actor = ${actor}`)
      .add(filter.action, 'text', (action) => `a.action = ${action}`)
      .add(filter.targetId, 'text', (target) => `a.target_id = ${target}`)
      .add(filter.outcome, 'text', (outcome) => `a.outcome = ${outcome}`);
    return searchedList<AuditEventRecord>(
      this.dataSource,
      { from: AUDIT_EVENT_FROM, columns: COLUMNS, fields: auditEventSearchFields, sort: AUDIT_EVENT_SORT },
      filters,
      request,
    );
  }
}
