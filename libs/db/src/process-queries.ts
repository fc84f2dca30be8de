import type { DataSource } from 'typeorm';
import type { ProcessStatus, StepRequest } from '@orchestrator/engine';
import { compileSearch } from '@orchestrator/search';
import type { CallbackTokenRow, ProcessRow, ProcessStepRow, ProcessSubscriptionRow, WorkflowRow } from './entities';
import { processOfIdempotencyKey } from './idempotency-keys';
import { findRecoveryCandidates } from './recovery-queries';
import { ListFilters, searchedList, type ListPage, type ListRequest } from './lists/searched-list';
import { PROCESS_LIST_FROM, processSearchFields, processSort, WORKFLOW_TARGET_SQL } from './lists/process-search';
import { readStatusCounts, type StatusCounts } from './lists/process-status-counts';

export interface ProcessRecord extends Pick<
  ProcessRow,
  | 'processId'
  | 'workflowName'
  | 'isTask'
  | 'status'
  | 'version'
  | 'stepIndex'
  | 'failedAttempts'
  | 'lastStep'
  | 'assignee'
  | 'failedReason'
  | 'traceback'
  | 'createdBy'
  | 'nextRetryAt'
  | 'startedAt'
  | 'lastModifiedAt'
  | 'note'
> {
  workflowTarget: WorkflowRow['target'];
  /** Subscriptions linked to the process. */
  subscriptionIds: ProcessSubscriptionRow['subscriptionId'][];
  /** The latest progress reported for the callback the process waits for at its current step. */
  callbackProgress: CallbackTokenRow['progress'];
  /** In the detail only. */
  state?: ProcessRow['state'];
  /** In the detail only: the workflow version the process is pinned to (ENGINE.md 14.3). */
  workflowVersion?: ProcessRow['workflowVersion'];
  /** In the detail only: the parent process (sub-workflows) and the children, oldest first. */
  parentId?: ProcessRow['parentId'];
  childIds?: string[];
  /** In the detail only: the branch this process runs, and the branch processes of its parallel steps. */
  branch?: ProcessRow['branch'];
  parentStepIndex?: ProcessRow['parentStepIndex'];
  /** `stepIndex` is the parallel step's index in the parent; `branchStepIndex` the branch process's own. */
  branches?: { name: string; processId: string; status: ProcessStatus; stepIndex: number; branchStepIndex: number }[];
}

/** A process as resume reads it, before validating an answer to its input step. */
export type ResumeTarget = Pick<
  ProcessRow,
  'status' | 'workflowName' | 'workflowVersion' | 'version' | 'stepIndex' | 'state' | 'branch' | 'parentStepIndex'
>;

export type StepRecord = Pick<
  ProcessStepRow,
  'stepId' | 'name' | 'status' | 'state' | 'error' | 'createdBy' | 'startedAt' | 'completedAt' | 'retries'
> & {
  /** The branch of a parallel step the row belongs to, or null for the process's own rows. */
  branch?: string | null;
};

/** The plain filters of `GET /api/processes`, beside `q` (each an exact match; all of them ANDed). */
export interface ProcessListFilter {
  status?: ProcessStatus[];
  workflowName?: string;
  isTask?: boolean;
  createdBy?: string;
  subscriptionId?: string;
}

/**
 * The filters as SQL over PROCESS_LIST_FROM. `workflowName` ignores case, as `workflowName:` in `q` does, so
 * that both are served by the same index on lower(workflow_name), without reading the table for the total.
 */
export function processListFilters(filter: ProcessListFilter): ListFilters {
  return new ListFilters()
    .add(filter.status?.length ? filter.status : undefined, 'text[]', (statuses) => `p.status = ANY(${statuses})`)
    .add(filter.workflowName, 'text', (name) => `lower(p.workflow_name) = lower(${name}) AND p.workflow_name = ${name}`)
    .add(filter.isTask, 'boolean', (isTask) => `p.is_task = ${isTask}`)
    .add(filter.createdBy, 'text', (user) => `p.created_by = ${user}`)
    .add(
      filter.subscriptionId,
      'uuid',
      (id) =>
        `EXISTS (SELECT 1 FROM process_subscriptions ps WHERE ps.process_id = p.process_id AND ps.subscription_id = ${id})`,
    );
}

// The latest progress of the callback the process waits for at its current step (also after that
// callback timed out); once the process moved past the step, its progress is history.
const CALLBACK_PROGRESS = `(
  SELECT t.progress FROM callback_tokens t
   WHERE t.process_id = p.process_id AND t.step_index = p.step_index
   ORDER BY t.created_at DESC LIMIT 1)`;

const PROCESS_COLUMNS = `
  p.process_id AS "processId", p.workflow_name AS "workflowName", ${WORKFLOW_TARGET_SQL} AS "workflowTarget",
  p.is_task AS "isTask", p.status, p.version, p.step_index AS "stepIndex", p.failed_attempts AS "failedAttempts", p.last_step AS "lastStep",
  p.assignee, p.failed_reason AS "failedReason", p.traceback, p.created_by AS "createdBy",
  p.next_retry_at AS "nextRetryAt", p.started_at AS "startedAt", p.last_modified_at AS "lastModifiedAt", p.note,
  ARRAY(SELECT ps.subscription_id::text FROM process_subscriptions ps
         WHERE ps.process_id = p.process_id ORDER BY ps.created_at, ps.subscription_id) AS "subscriptionIds",
  ${CALLBACK_PROGRESS} AS "callbackProgress"`;

// Sub-workflows (ENGINE.md 14.2) and the branch processes of parallel steps (14.1), in the detail only.
const FAMILY_COLUMNS = `
  p.parent_id AS "parentId", p.branch, p.parent_step_index AS "parentStepIndex",
  ARRAY(SELECT c.process_id::text FROM processes c
         WHERE c.parent_id = p.process_id AND c.branch IS NULL ORDER BY c.started_at, c.process_id) AS "childIds",
  ARRAY(SELECT jsonb_build_object('name', c.branch, 'processId', c.process_id, 'status', c.status,
                                  'stepIndex', c.parent_step_index,
                                  'branchStepIndex', c.step_index)
          FROM processes c
         WHERE c.parent_id = p.process_id AND c.branch IS NOT NULL ORDER BY c.started_at, c.process_id) AS "branches"`;

// The steps of a parallel step's branches, labelled with their branch, between the parent's own rows (their
// own Start and Done left out: the parent's parallel step rows stand for them).
const BRANCH_STEPS = `
  SELECT s.step_id, s.name, s.status, s.state, s.error, s.created_by, s.started_at, s.completed_at, s.retries,
         c.branch, s.seq
    FROM processes c JOIN process_steps s ON s.process_id = c.process_id
   WHERE c.parent_id = $1 AND c.branch IS NOT NULL AND s.name <> ALL ('{Start,Done}'::text[])`;

/** Reads for the API: process detail with its step log, keyset-paginated lists, status counts. */
export class ProcessQueries {
  constructor(private readonly dataSource: DataSource) {}

  async resumeTarget(processId: string): Promise<ResumeTarget | undefined> {
    const rows = (await this.dataSource.query(
      `SELECT status, workflow_name AS "workflowName", workflow_version AS "workflowVersion", version,
              step_index AS "stepIndex", state, branch, parent_step_index AS "parentStepIndex"
         FROM processes WHERE process_id = $1`,
      [processId],
    )) as ResumeTarget[];
    return rows[0];
  }

  /** Every process a worker could run now, paged by process id (unpausing requests their steps again). */
  runnable(afterProcessId: string | null, limit: number): Promise<StepRequest[]> {
    return findRecoveryCandidates(this.dataSource, { staleAfterMs: 0, afterProcessId, limit });
  }

  /** The process an Idempotency-Key was first used for, or null when the key is free. */
  processOfIdempotencyKey(key: string): Promise<string | null> {
    return processOfIdempotencyKey(this.dataSource, key);
  }

  async detail(processId: string): Promise<{ process: ProcessRecord; steps: StepRecord[] } | undefined> {
    const processes = (await this.dataSource.query(
      `SELECT ${PROCESS_COLUMNS}, p.state, p.workflow_version AS "workflowVersion", ${FAMILY_COLUMNS}
         FROM ${PROCESS_LIST_FROM} WHERE p.process_id = $1`,
      [processId],
    )) as ProcessRecord[];
    const process = processes[0];
    if (!process) return undefined;
    const steps = (await this.dataSource.query(
      `SELECT step_id AS "stepId", name, status, state, error, created_by AS "createdBy", started_at AS "startedAt",
              completed_at AS "completedAt", retries, NULL::text AS branch, seq
         FROM process_steps WHERE process_id = $1
       UNION ALL
       ${BRANCH_STEPS}
        ORDER BY seq`,
      [processId],
    )) as StepRecord[];
    return { process, steps };
  }

  /** A page of `GET /api/processes`: the filters AND `q`, in `sort` order (ENGINE.md 11.2). */
  list(filter: ProcessListFilter, request: ListRequest): Promise<ListPage<ProcessRecord>> {
    return searchedList<ProcessRecord>(
      this.dataSource,
      { from: PROCESS_LIST_FROM, columns: PROCESS_COLUMNS, fields: processSearchFields, sort: processSort },
      processListFilters(filter),
      request,
    );
  }

  /** The ids of every process the filters AND `q` list, in the list's default order (a bulk action's). */
  async matchingIds(filter: ProcessListFilter, q: string | undefined, limit: number): Promise<string[]> {
    const filters = processListFilters(filter);
    const search = compileSearch(q, processSearchFields, { paramOffset: filters.values.length });
    const params = [...filters.values, ...search.params];
    const rows = (await this.dataSource.query(
      `SELECT p.process_id AS id FROM ${PROCESS_LIST_FROM} WHERE ${[...filters.conditions, search.sql].join(' AND ')}
        ORDER BY p.started_at DESC, p.process_id DESC LIMIT $${params.length + 1}`,
      [...params, limit],
    )) as { id: string }[];
    return rows.map((row) => row.id);
  }

  statusCounts(): Promise<StatusCounts> {
    return readStatusCounts(this.dataSource);
  }
}
