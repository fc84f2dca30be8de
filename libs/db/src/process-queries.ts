import type { DataSource } from 'typeorm';
import type { ProcessStatus, StepRequest } from '@orchestrator/engine';
import type { CallbackTokenRow, ProcessRow, ProcessStepRow, ProcessSubscriptionRow, WorkflowRow } from './entities';
import { processOfIdempotencyKey } from './idempotency-keys';
import { findRecoveryCandidates } from './recovery-queries';

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
}

/** A process as resume reads it, before validating an answer to its input step. */
export type ResumeTarget = Pick<ProcessRow, 'status' | 'workflowName' | 'version' | 'stepIndex' | 'state'>;

export type StepRecord = Pick<
  ProcessStepRow,
  'stepId' | 'name' | 'status' | 'state' | 'error' | 'createdBy' | 'startedAt' | 'completedAt' | 'retries'
>;

export interface ProcessListFilter {
  status?: ProcessStatus[];
  workflowName?: string;
  isTask?: boolean;
  createdBy?: string;
  subscriptionId?: string;
  limit: number;
  /** Keyset position: list items strictly older than this (startedAt, processId). */
  after?: { startedAt: Date; processId: string };
}

// The latest progress of the callback the process waits for at its current step (also after that
// callback timed out); once the process moved past the step, its progress is history.
const CALLBACK_PROGRESS = `(
  SELECT t.progress FROM callback_tokens t
   WHERE t.process_id = p.process_id AND t.step_index = p.step_index
   ORDER BY t.created_at DESC LIMIT 1)`;

const PROCESS_COLUMNS = `
  p.process_id AS "processId", p.workflow_name AS "workflowName", w.target AS "workflowTarget",
  p.is_task AS "isTask", p.status, p.version, p.step_index AS "stepIndex", p.failed_attempts AS "failedAttempts", p.last_step AS "lastStep",
  p.assignee, p.failed_reason AS "failedReason", p.traceback, p.created_by AS "createdBy",
  p.next_retry_at AS "nextRetryAt", p.started_at AS "startedAt", p.last_modified_at AS "lastModifiedAt", p.note,
  ARRAY(SELECT ps.subscription_id::text FROM process_subscriptions ps
         WHERE ps.process_id = p.process_id ORDER BY ps.created_at, ps.subscription_id) AS "subscriptionIds",
  ${CALLBACK_PROGRESS} AS "callbackProgress"`;

/** Reads for the API: process detail with its step log, keyset-paginated lists, status counts. */
export class ProcessQueries {
  constructor(private readonly dataSource: DataSource) {}

  async resumeTarget(processId: string): Promise<ResumeTarget | undefined> {
    const rows = (await this.dataSource.query(
      `SELECT status, workflow_name AS "workflowName", version, step_index AS "stepIndex", state
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
      `SELECT ${PROCESS_COLUMNS}, p.state FROM processes p JOIN workflows w USING (workflow_id) WHERE p.process_id = $1`,
      [processId],
    )) as ProcessRecord[];
    const process = processes[0];
    if (!process) return undefined;
    const steps = (await this.dataSource.query(
      `SELECT step_id AS "stepId", name, status, state, error, created_by AS "createdBy", started_at AS "startedAt",
              completed_at AS "completedAt", retries
         FROM process_steps WHERE process_id = $1 ORDER BY seq`,
      [processId],
    )) as StepRecord[];
    return { process, steps };
  }

  async list(filter: ProcessListFilter): Promise<ProcessRecord[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const param = (value: unknown): string => {
      params.push(value);
      return `$${params.length}`;
    };
    if (filter.status?.length) where.push(`p.status = ANY(${param(filter.status)}::text[])`);
    if (filter.workflowName !== undefined) where.push(`p.workflow_name = ${param(filter.workflowName)}`);
    if (filter.isTask !== undefined) where.push(`p.is_task = ${param(filter.isTask)}`);
    if (filter.createdBy !== undefined) where.push(`p.created_by = ${param(filter.createdBy)}`);
    if (filter.subscriptionId !== undefined) {
      where.push(
        `EXISTS (SELECT 1 FROM process_subscriptions ps
                  WHERE ps.process_id = p.process_id AND ps.subscription_id = ${param(filter.subscriptionId)}::uuid)`,
      );
    }
    if (filter.after) {
      where.push(
        `(p.started_at, p.process_id) < (${param(filter.after.startedAt)}, ${param(filter.after.processId)}::uuid)`,
      );
    }
    const sql = `SELECT ${PROCESS_COLUMNS} FROM processes p JOIN workflows w USING (workflow_id)
      ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY p.started_at DESC, p.process_id DESC LIMIT ${param(filter.limit)}`;
    return (await this.dataSource.query(sql, params)) as ProcessRecord[];
  }

  async statusCounts(): Promise<{ processCounts: Record<string, number>; taskCounts: Record<string, number> }> {
    const rows = (await this.dataSource.query(
      `SELECT is_task AS "isTask", status, count(*)::int AS count FROM processes GROUP BY is_task, status`,
    )) as { isTask: boolean; status: string; count: number }[];
    const processCounts: Record<string, number> = {};
    const taskCounts: Record<string, number> = {};
    for (const row of rows) (row.isTask ? taskCounts : processCounts)[row.status] = row.count;
    return { processCounts, taskCounts };
  }
}
