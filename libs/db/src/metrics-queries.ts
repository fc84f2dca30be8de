import type { DataSource } from 'typeorm';

/** One row of orchestrator-core's `wfo_subscriptions_count`. */
export interface SubscriptionCountRow {
  productName: string;
  lifecycleState: string;
  customerId: string;
  insync: boolean;
  count: number;
}

/** One row of `wfo_process_count` and `wfo_process_seconds_total_count`, with orchestrator-core's labels. */
export interface ProcessCountRow {
  lastStatus: string;
  createdBy: string;
  isTask: boolean;
  productName: string;
  workflowName: string;
  customerId: string;
  workflowTarget: string;
  count: number;
  totalSeconds: number;
}

/**
 * The gauges of orchestrator-core's metrics module (orchestrator/core/metrics), read at scrape time. Where
 * it joins processes to their subscriptions' products, a process without a subscription (most tasks) is
 * kept here with an empty product and customer, so that it is counted at all.
 */
export class MetricsQueries {
  constructor(private readonly dataSource: DataSource) {}

  async subscriptionCounts(): Promise<SubscriptionCountRow[]> {
    return (await this.dataSource.query(
      `SELECT COALESCE(pr.name, '') AS "productName", s.status AS "lifecycleState", s.customer_id AS "customerId",
              s.insync, count(*)::int AS count
         FROM subscriptions s LEFT JOIN products pr ON pr.product_id = s.product_id
        GROUP BY pr.name, s.status, s.customer_id, s.insync`,
    )) as SubscriptionCountRow[];
  }

  async processCounts(): Promise<ProcessCountRow[]> {
    return (await this.dataSource.query(
      `SELECT p.status AS "lastStatus", p.created_by AS "createdBy", p.is_task AS "isTask",
              COALESCE(pr.name, '') AS "productName", p.workflow_name AS "workflowName",
              COALESCE(s.customer_id, '') AS "customerId", w.target AS "workflowTarget",
              count(*)::int AS count,
              COALESCE(sum(extract(epoch FROM p.last_modified_at - p.started_at)), 0)::float8 AS "totalSeconds"
         FROM processes p
         JOIN workflows w ON w.workflow_id = p.workflow_id
         LEFT JOIN process_subscriptions ps ON ps.process_id = p.process_id
         LEFT JOIN subscriptions s ON s.subscription_id = ps.subscription_id
         LEFT JOIN products pr ON pr.product_id = s.product_id
        GROUP BY p.status, p.created_by, p.is_task, pr.name, p.workflow_name, s.customer_id, w.target`,
    )) as ProcessCountRow[];
  }
}
