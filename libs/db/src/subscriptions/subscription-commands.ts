import type { DataSource } from 'typeorm';
import { setInSyncRefusal } from '@orchestrator/domain';
import { FINAL_STATUSES } from '@orchestrator/engine';
import { recordAuditEvent, type Audit } from '../audit/audit';

export type SetInSyncOutcome =
  | { kind: 'done'; version: number }
  | { kind: 'not_found' }
  | { kind: 'open_processes'; processIds: string[]; message: string };

/** The writes the API makes to subscriptions outside workflows. */
export class SubscriptionCommands {
  constructor(private readonly dataSource: DataSource) {}

  /** An operator's set-in-sync (ENGINE.md 6), with its audit row. */
  setInSync(id: string, audit: Audit | null): Promise<SetInSyncOutcome> {
    return setSubscriptionInSync(this.dataSource, id, audit);
  }
}

/**
 * An operator's PUT set-in-sync: under the subscription's row lock, refused while a linked process is not
 * completed or aborted (that process still holds the subscription). The audit row commits with it.
 */
export async function setSubscriptionInSync(
  dataSource: DataSource,
  id: string,
  audit: Audit | null,
): Promise<SetInSyncOutcome> {
  return dataSource.transaction(async (tx) => {
    const [row] = (await tx.query(`SELECT version FROM subscriptions WHERE subscription_id = $1 FOR UPDATE`, [id])) as {
      version: number;
    }[];
    if (!row) return { kind: 'not_found' };
    const open = (await tx.query(
      `SELECT p.process_id::text AS id FROM process_subscriptions ps JOIN processes p USING (process_id)
        WHERE ps.subscription_id = $1 AND NOT (p.status = ANY($2::text[])) ORDER BY p.started_at`,
      [id, FINAL_STATUSES],
    )) as { id: string }[];
    const processIds = open.map((p) => p.id);
    const refusal = setInSyncRefusal(id, processIds);
    if (refusal) return { kind: 'open_processes', processIds, message: refusal };
    const [updated] = (await tx.query(
      `UPDATE subscriptions SET insync = true, version = version + CASE WHEN insync THEN 0 ELSE 1 END
        WHERE subscription_id = $1 RETURNING version`,
      [id],
    )) as [{ version: number }[], number];
    const version = updated[0]?.version ?? row.version;
    await recordAuditEvent(tx, audit, { targetType: 'subscription', targetId: id, details: { version } });
    return { kind: 'done', version };
  });
}
