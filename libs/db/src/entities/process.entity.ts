import { EntitySchema } from 'typeorm';

export interface ProcessRow {
  processId: string;
  workflowId: string;
  workflowName: string;
  isTask: boolean;
  status: string;
  version: number;
  stepIndex: number;
  failedAttempts: number;
  state: Record<string, unknown>;
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
}

export const ProcessEntity = new EntitySchema<ProcessRow>({
  name: 'Process',
  tableName: 'processes',
  columns: {
    processId: { name: 'process_id', type: 'uuid', primary: true },
    workflowId: { name: 'workflow_id', type: 'uuid' },
    workflowName: { name: 'workflow_name', type: 'text' },
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
    startedAt: { name: 'started_at', type: 'timestamptz' },
    lastModifiedAt: { name: 'last_modified_at', type: 'timestamptz' },
    note: { type: 'text', nullable: true },
  },
});
