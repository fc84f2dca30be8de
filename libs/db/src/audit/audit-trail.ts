import type { DataSource } from 'typeorm';
import { defineSort, nextCursor, planKeyset } from '@orchestrator/search';
import type { AuditEventRow, AuditOutcome } from '../entities/audit-event.entity';
import { recordAuditEvent, type Audit, type AuditTarget } from './audit';

export type AuditEventRecord = AuditEventRow;

export interface AuditEventFilter {
  actor?: string;
  action?: string;
  targetId?: string;
  outcome?: AuditOutcome;
  limit: number;
  cursor?: string;
}

export interface AuditEventPage {
  items: AuditEventRecord[];
  nextCursor: string | null;
}

/** Newest first, ties broken by id (libs/search's keyset, so that `q` and `sort` can join it). */
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

  /** A refused attempt (401 with a token naming a user, 403): a row of its own. */
  recordDenied(audit: Audit, target: AuditTarget): Promise<void> {
    return recordAuditEvent(this.dataSource, audit, target, 'denied');
  }

  /** `GET /api/audit-events`: each filter an exact match, newest first; INVALID_CURSOR for a foreign cursor. */
  async list(filter: AuditEventFilter): Promise<AuditEventPage> {
    const conditions: string[] = [];
    const params: unknown[] = [];
    for (const [column, value] of [
      ['a.actor', filter.actor],
      ['a.action', filter.action],
      ['a.target_id', filter.targetId],
      ['a.outcome', filter.outcome],
    ] as const) {
      if (value === undefined) continue;
      params.push(value);
      conditions.push(`${column} = $${params.length}`);
    }
    const page = planKeyset(AUDIT_EVENT_SORT.defaultSort, filter.cursor, { paramOffset: params.length });
    if (page.after) {
      conditions.push(page.after.sql);
      params.push(...page.after.params);
    }
    params.push(filter.limit + 1);
    const rows = (await this.dataSource.query(
      `SELECT ${COLUMNS}, ${page.cursorColumns} FROM audit_events a
        ${conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : ''}
        ORDER BY ${page.orderBy} LIMIT $${params.length}`,
      params,
    )) as (AuditEventRecord & Record<string, unknown>)[];
    const items = rows.slice(0, filter.limit);
    const last = rows.length > filter.limit ? items[items.length - 1] : undefined;
    return {
      items: items.map(({ id, at, actor, action, targetType, targetId, outcome, details }) => ({
        id,
        at,
        actor,
        action,
        targetType,
        targetId,
        outcome,
        details,
      })),
      nextCursor: last ? nextCursor(AUDIT_EVENT_SORT.defaultSort, last) : null,
    };
  }
}
