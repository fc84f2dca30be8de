import { EntitySchema } from 'typeorm';
import type { ColumnsOf } from './entity-columns';

export interface WorkflowRow {
  workflowId: string;
  name: string;
  target: string;
  description: string;
  isTask: boolean;
  /** The version (step-list digest) it was last registered with. */
  version: string | null;
  createdAt: Date;
  /** Set when the workflow is no longer registered (its processes still refer to it). */
  deletedAt: Date | null;
}

const columns: ColumnsOf<WorkflowRow> = {
  workflowId: { name: 'workflow_id', type: 'uuid', primary: true, generated: 'uuid' },
  name: { type: 'text', unique: true },
  target: { type: 'text' },
  description: { type: 'text' },
  isTask: { name: 'is_task', type: 'boolean', default: false },
  version: { type: 'text', nullable: true },
  createdAt: { name: 'created_at', type: 'timestamptz', createDate: true },
  deletedAt: { name: 'deleted_at', type: 'timestamptz', nullable: true },
};

export const WorkflowEntity = new EntitySchema<WorkflowRow>({ name: 'Workflow', tableName: 'workflows', columns });
