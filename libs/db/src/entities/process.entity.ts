import { EntitySchema } from 'typeorm';
import type { ProcessStatus, State } from '@orchestrator/engine';
import type { ColumnsOf } from './entity-columns';
import { WorkflowEntity, type WorkflowRow } from './workflow.entity';

export interface ProcessRow {
  processId: string;
  workflowId: string;
  workflowName: string;
  /** The workflow version (step-list digest) the process is pinned to; null only before its first registration. */
  workflowVersion: string | null;
  isTask: boolean;
  status: ProcessStatus;
  /** Bumped by every write; a step commits only on the version it read (fencing). */
  version: number;
  stepIndex: number;
  failedAttempts: number;
  state: State;
  lastStep: string | null;
  assignee: string;
  failedReason: string | null;
  traceback: string | null;
  createdBy: string;
  actor: string;
  nextRetryAt: Date | null;
  startedAt: Date;
  lastModifiedAt: Date;
  note: string | null;
  /** The process whose sub-workflow step started this one (ENGINE.md 14.2), and that step's index. */
  parentId: string | null;
  parentStepIndex: number | null;
  /** The branch of the parent's parallel step this process runs (ENGINE.md 14.1), or null. */
  branch: string | null;
}

export interface ProcessRelations {
  workflow?: WorkflowRow;
  parent?: ProcessRow;
}

const columns: ColumnsOf<ProcessRow> = {
  processId: { name: 'process_id', type: 'uuid', primary: true },
  workflowId: { name: 'workflow_id', type: 'uuid' },
  workflowName: { name: 'workflow_name', type: 'text' },
  workflowVersion: { name: 'workflow_version', type: 'text', nullable: true },
  isTask: { name: 'is_task', type: 'boolean' },
  status: { type: 'text' },
  version: { type: 'integer', default: 0 },
  stepIndex: { name: 'step_index', type: 'integer', default: 0 },
  failedAttempts: { name: 'failed_attempts', type: 'integer', default: 0 },
  state: { type: 'jsonb' },
  lastStep: { name: 'last_step', type: 'text', nullable: true },
  assignee: { type: 'text', default: 'SYSTEM' },
  failedReason: { name: 'failed_reason', type: 'text', nullable: true },
  traceback: { type: 'text', nullable: true },
  createdBy: { name: 'created_by', type: 'text' },
  actor: { type: 'text' },
  nextRetryAt: { name: 'next_retry_at', type: 'timestamptz', nullable: true },
  startedAt: { name: 'started_at', type: 'timestamptz', default: () => 'now()' },
  lastModifiedAt: { name: 'last_modified_at', type: 'timestamptz', default: () => 'now()' },
  note: { type: 'text', nullable: true },
  parentId: { name: 'parent_id', type: 'uuid', nullable: true },
  parentStepIndex: { name: 'parent_step_index', type: 'integer', nullable: true },
  branch: { type: 'text', nullable: true },
};

// TypeORM cannot say DESC in an index: the listing indexes (keyset-paginated newest first) are declared for
// their names and columns only, and left to the migrations (synchronize: false).
const listing = (name: string, filter: (keyof ProcessRow)[]) => ({
  name,
  columns: [...filter, 'startedAt', 'processId'],
  synchronize: false,
});

/** The table has fillfactor 70 (migration 1764000000000), so the per-step update stays a HOT update. */
export const ProcessEntity = new EntitySchema<ProcessRow & ProcessRelations>({
  name: 'Process',
  tableName: 'processes',
  columns,
  relations: {
    workflow: {
      type: 'many-to-one',
      target: WorkflowEntity,
      joinColumn: { name: 'workflow_id', foreignKeyConstraintName: 'processes_workflow_id_fkey' },
    },
    parent: {
      type: 'many-to-one',
      target: 'Process',
      joinColumn: { name: 'parent_id', foreignKeyConstraintName: 'processes_parent_id_fkey' },
      onDelete: 'SET NULL',
    },
  },
  indices: [
    listing('processes_started_idx', []),
    listing('processes_status_started_idx', ['status']),
    // On lower(workflow_name) (`workflowName:x` and the filter) and INCLUDE (workflow_name): the drift test
    // sees the columns after the expression, then the included one.
    { ...listing('processes_workflow_started_idx', []), columns: ['startedAt', 'processId', 'workflowName'] },
    {
      ...listing('processes_workflow_status_started_idx', ['status']),
      columns: ['status', 'startedAt', 'processId', 'workflowName'],
    },
    listing('processes_task_started_idx', ['isTask']),
    listing('processes_created_by_started_idx', ['createdBy']),
    // `sort=workflowName` and `sort=status` (ENGINE.md 11.2), walked forwards or backwards.
    { name: 'processes_workflow_name_sort_idx', columns: ['workflowName', 'processId'], synchronize: false },
    { name: 'processes_status_sort_idx', columns: ['status', 'processId'], synchronize: false },
    // Processes from before versions, pinned at the next registration (pin-unversioned-processes.ts).
    { name: 'processes_unversioned_idx', columns: ['workflowName'], where: '"workflow_version" IS NULL' },
    // The due retries (the recovery sweeper, task_resume_workflows).
    { name: 'processes_waiting_retry_idx', columns: ['nextRetryAt'], where: "status = 'waiting'" },
    { name: 'processes_parent_idx', columns: ['parentId', 'parentStepIndex'] },
  ],
});
