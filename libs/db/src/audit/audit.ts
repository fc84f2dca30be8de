import type { Queryable } from '../queryable';

/**
 * What the API hands a writer so that the change carries its audit row (ENGINE.md 10.9): who asks and under
 * which action name (the route table's). Writers take `audit: Audit | null` as their last argument; null
 * (the scheduler, built-in tasks) writes no row. The writer adds the target and its own details, and writes
 * the row in the same statement as the change (the `audited` CTE of abort-process.ts) or, when it runs a
 * transaction, with `recordAuditEvent(tx, ...)` before it commits. Either way the row exists exactly when the
 * change committed.
 */
export interface Audit {
  /** The acting user (the principal's name). */
  readonly actor: string;
  /** `process.start`, `api-key.revoke`, ...: the route table's name of what was done. */
  readonly action: string;
  /** Added to the row's details: how the caller authenticated, the request id. */
  readonly details?: Readonly<Record<string, unknown>>;
}

export interface AuditTarget {
  readonly targetType: string;
  readonly targetId: string | null;
  /** What the writer knows about the change (a workflow name, a count), next to the audit's own details. */
  readonly details?: Readonly<Record<string, unknown>>;
}

/**
 * The three parameters of an `audited` CTE: actor, action and the details as JSON, or three nulls when there
 * is nothing to audit (the CTE's `WHERE <action parameter>::text IS NOT NULL` then inserts nothing).
 */
export function auditParameters(
  audit: Audit | null,
  details: Readonly<Record<string, unknown>> = {},
): [string | null, string | null, string | null] {
  if (audit === null) return [null, null, null];
  return [audit.actor, audit.action, JSON.stringify({ ...details, ...audit.details })];
}

const INSERT_AUDIT_EVENT_SQL = `
  INSERT INTO audit_events (actor, action, target_type, target_id, outcome, details)
  VALUES ($1, $2, $3, $4, $5, $6::jsonb)`;

/**
 * Appends one row; inside a writer's transaction for an allowed change (then it commits or rolls back with
 * the change), or alone for a refused attempt. Nothing when `audit` is null.
 */
export async function recordAuditEvent(
  db: Queryable,
  audit: Audit | null,
  target: AuditTarget,
  outcome: 'allowed' | 'denied' = 'allowed',
): Promise<void> {
  if (audit === null) return;
  const [actor, action, details] = auditParameters(audit, target.details);
  await db.query(INSERT_AUDIT_EVENT_SQL, [actor, action, target.targetType, target.targetId, outcome, details]);
}
