import type { DataSource } from 'typeorm';
import { ACTIVE_DEPENDENTS_SQL } from './subscription-dependents';
import type { SubscriptionStatus } from '@orchestrator/engine';
import type { ProcessRow, WorkflowRow } from '../entities';
import { ListFilters, searchedList, type ListPage, type ListRequest } from '../lists/searched-list';
import { subscriptionSort } from '../lists/subscription-sort';
import { subscriptionSearchFields } from './subscription-search-fields';
import { SUBSCRIPTION_COLUMNS, SUBSCRIPTION_FROM, toSubscription, type SubscriptionDbRow } from './subscription-json';

/** The plain filters of `GET /api/subscriptions`, beside `q` (each an exact match; all of them ANDed). */
export interface SubscriptionListFilter {
  status?: SubscriptionStatus[];
  /** Product name. */
  productName?: string;
  productId?: string;
  customerId?: string;
  insync?: boolean;
}

export interface LinkedProcessRecord extends Pick<
  ProcessRow,
  'processId' | 'workflowName' | 'status' | 'startedAt' | 'lastModifiedAt'
> {
  workflowTarget: WorkflowRow['target'];
}

export type AllowedWorkflowRecord = Pick<WorkflowRow, 'name'>;

/** A subscription as a process found it and as it left it (or as it is now, while the process has not). */
export interface SubscriptionDeltaRecord {
  subscriptionId: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

/** Reads for the subscription endpoints. */
export class SubscriptionQueries {
  constructor(private readonly dataSource: DataSource) {}

  async find(id: string): Promise<SubscriptionDbRow | undefined> {
    const rows = (await this.dataSource.query(
      `SELECT ${SUBSCRIPTION_COLUMNS} FROM ${SUBSCRIPTION_FROM} WHERE s.subscription_id = $1`,
      [id],
    )) as SubscriptionDbRow[];
    return rows[0];
  }

  /** A page of `GET /api/subscriptions`: the filters AND `q`, in `sort` order (ENGINE.md 11.2). */
  list(filter: SubscriptionListFilter, request: ListRequest): Promise<ListPage<SubscriptionDbRow>> {
    const filters = new ListFilters()
      .add(filter.status?.length ? filter.status : undefined, 'text[]', (statuses) => `s.status = ANY(${statuses})`)
      .add(filter.productName, 'text', (name) => `p.name = ${name}`)
      .add(filter.productId, 'uuid', (id) => `s.product_id = ${id}`)
      .add(filter.customerId, 'text', (customer) => `s.customer_id = ${customer}`)
      .when(filter.insync !== undefined, filter.insync ? 's.insync' : 'NOT s.insync');
    return searchedList<SubscriptionDbRow>(
      this.dataSource,
      {
        from: SUBSCRIPTION_FROM,
        columns: SUBSCRIPTION_COLUMNS,
        fields: subscriptionSearchFields,
        sort: subscriptionSort,
      },
      filters,
      request,
    );
  }

  /** The processes linked to the subscription, newest first. */
  async processes(id: string): Promise<LinkedProcessRecord[]> {
    return (await this.dataSource.query(
      `SELECT p.process_id AS "processId", p.workflow_name AS "workflowName", w.target AS "workflowTarget", p.status,
              p.started_at AS "startedAt", p.last_modified_at AS "lastModifiedAt"
         FROM process_subscriptions ps
         JOIN processes p USING (process_id)
         JOIN workflows w ON w.workflow_id = p.workflow_id
        WHERE ps.subscription_id = $1
        ORDER BY p.started_at DESC, p.process_id DESC`,
      [id],
    )) as LinkedProcessRecord[];
  }

  /** Names of the (registered, not deleted) workflows the subscription's product allows. */
  async allowedWorkflows(productId: string): Promise<string[]> {
    const rows = (await this.dataSource.query(
      `SELECT w.name FROM product_workflows pw JOIN workflows w USING (workflow_id)
        WHERE pw.product_id = $1 AND w.deleted_at IS NULL ORDER BY w.name`,
      [productId],
    )) as AllowedWorkflowRecord[];
    return rows.map((row) => row.name);
  }

  /**
   * ENGINE.md 13.6: every subscription linked to the process, as the process found it (null when the process
   * created it, or linked it before before-images were kept) and as it left it, or as it is now.
   */
  async deltas(processId: string): Promise<SubscriptionDeltaRecord[]> {
    const links = (await this.dataSource.query(
      `SELECT subscription_id::text AS "subscriptionId", before, after FROM process_subscriptions
        WHERE process_id = $1 ORDER BY created_at, subscription_id`,
      [processId],
    )) as SubscriptionDeltaRecord[];
    const current = links.filter((link) => link.after === null).map((link) => link.subscriptionId);
    if (current.length === 0) return links;
    const rows = (await this.dataSource.query(
      `SELECT ${SUBSCRIPTION_COLUMNS} FROM ${SUBSCRIPTION_FROM} WHERE s.subscription_id = ANY($1::uuid[])`,
      [current],
    )) as SubscriptionDbRow[];
    const now = new Map(rows.map((row) => [row.id, toSubscription(row) as unknown as Record<string, unknown>]));
    return links.map((link) => (link.after === null ? { ...link, after: now.get(link.subscriptionId) ?? null } : link));
  }

  /** Subscriptions that depend on this one and still need it (the TERMINATE gate). */
  async activeDependents(id: string): Promise<string[]> {
    const rows = (await this.dataSource.query(ACTIVE_DEPENDENTS_SQL, [id])) as { id: string }[];
    return rows.map((row) => row.id);
  }
}
