import { PROCESS_STATUSES, WORKFLOW_TARGETS } from '@orchestrator/engine';
import { defineSearchFields, defineSort } from '@orchestrator/search';

// `q` and `sort` of `GET /api/processes` (ENGINE.md 11.2), over PROCESS_LIST_FROM. Values that live with the
// process's subscriptions are searched in EXISTS subqueries, so a process linked to several subscriptions is
// listed once. The indexes that serve them are in migration 1764700000000 (see the README).

// The FROM is the processes table alone, so that the total (a count of the matching rows) can be an
// index-only scan; the workflow's target is read through a subquery.
export const PROCESS_LIST_FROM = 'processes p';

/** The workflow's target, in the SELECT list. */
export const WORKFLOW_TARGET_SQL = '(SELECT w.target FROM workflows w WHERE w.workflow_id = p.workflow_id)';

const ofWorkflow = (condition: string): string =>
  `EXISTS (SELECT 1 FROM workflows w WHERE w.workflow_id = p.workflow_id AND ${condition})`;

const linked = (condition: string): string =>
  `EXISTS (SELECT 1 FROM process_subscriptions ps WHERE ps.process_id = p.process_id AND ${condition})`;
const linkedSubscription = (condition: string): string =>
  `EXISTS (SELECT 1 FROM process_subscriptions ps JOIN subscriptions ss ON ss.subscription_id = ps.subscription_id
            WHERE ps.process_id = p.process_id AND ${condition})`;
const linkedProduct = (condition: string): string =>
  `EXISTS (SELECT 1 FROM process_subscriptions ps JOIN subscriptions ss ON ss.subscription_id = ps.subscription_id
            JOIN products pr ON pr.product_id = ss.product_id WHERE ps.process_id = p.process_id AND ${condition})`;

export const processSearchFields = defineSearchFields({
  id: { kind: 'uuid', sql: 'p.process_id', freeText: true },
  workflowName: { kind: 'text', sql: 'p.workflow_name', freeText: true },
  workflowTarget: {
    kind: 'enum',
    sql: 'w.target',
    values: WORKFLOW_TARGETS,
    aliases: ['target'],
    within: ofWorkflow,
  },
  status: { kind: 'enum', sql: 'p.status', values: PROCESS_STATUSES, freeText: true },
  lastStep: { kind: 'text', sql: 'p.last_step', freeText: true },
  createdBy: { kind: 'text', sql: 'p.created_by', freeText: true },
  assignee: { kind: 'text', sql: 'p.assignee', freeText: true },
  isTask: { kind: 'boolean', sql: 'p.is_task' },
  note: { kind: 'text', sql: 'p.note', match: 'contains', freeText: true },
  startedAt: { kind: 'date', sql: 'p.started_at' },
  lastModifiedAt: { kind: 'date', sql: 'p.last_modified_at' },
  product: { kind: 'text', sql: 'pr.name', within: linkedProduct },
  customerId: { kind: 'text', sql: 'ss.customer_id', within: linkedSubscription },
  subscriptionId: { kind: 'uuid', sql: 'ps.subscription_id', within: linked },
});

export const processSort = defineSort({
  list: 'processes',
  fields: {
    startedAt: { sql: 'p.started_at', kind: 'date' },
    lastModifiedAt: { sql: 'p.last_modified_at', kind: 'date' },
    workflowName: { sql: 'p.workflow_name', kind: 'text' },
    status: { sql: 'p.status', kind: 'text' },
  },
  id: { sql: 'p.process_id', kind: 'uuid' },
  default: 'startedAt,desc',
});

/** The sortable fields of each list, for the API's validation and its OpenAPI document. */
export const PROCESS_SORT_FIELDS = Object.keys(processSort.fields);
