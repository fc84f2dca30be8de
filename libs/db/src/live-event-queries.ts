import type { DataSource } from 'typeorm';
import type { ProcessStatus, SubscriptionStatus } from '@orchestrator/engine';

/** A process as a live `process` event shows it (ENGINE.md 11.4). */
export interface ProcessEventRow {
  id: string;
  workflowName: string;
  status: ProcessStatus;
  lastStep: string | null;
  lastModifiedAt: Date;
  isTask: boolean;
}

/** A subscription as a live `subscription` event shows it. */
export interface SubscriptionEventRow {
  id: string;
  status: SubscriptionStatus;
  insync: boolean;
  version: number;
}

/**
 * What the API reads after one of its commands committed, to tell live clients: one primary-key read, off
 * the step hot path (workers derive their events from what the step wrote).
 */
export class LiveEventQueries {
  constructor(private readonly dataSource: DataSource) {}

  async process(processId: string): Promise<ProcessEventRow | undefined> {
    const rows = (await this.dataSource.query(
      `SELECT process_id AS id, workflow_name AS "workflowName", status, last_step AS "lastStep",
              last_modified_at AS "lastModifiedAt", is_task AS "isTask"
         FROM processes WHERE process_id = $1`,
      [processId],
    )) as ProcessEventRow[];
    return rows[0];
  }

  async subscriptions(ids: readonly string[]): Promise<SubscriptionEventRow[]> {
    if (ids.length === 0) return [];
    return (await this.dataSource.query(
      `SELECT subscription_id AS id, status, insync, version FROM subscriptions
        WHERE subscription_id = ANY($1::uuid[]) ORDER BY subscription_id`,
      [ids],
    )) as SubscriptionEventRow[];
  }
}
