import { EntitySchema } from 'typeorm';

export interface WorkflowRow {
  workflowId: string;
  name: string;
  target: string;
  description: string;
  isTask: boolean;
  createdAt: Date;
  deletedAt: Date | null;
}

export const WorkflowEntity = new EntitySchema<WorkflowRow>({
  name: 'Workflow',
  tableName: 'workflows',
  columns: {
    workflowId: { name: 'workflow_id', type: 'uuid', primary: true, generated: 'uuid' },
    name: { type: 'text', unique: true },
    target: { type: 'text' },
    description: { type: 'text' },
    isTask: { name: 'is_task', type: 'boolean', default: false },
    createdAt: { name: 'created_at', type: 'timestamptz', createDate: true },
    deletedAt: { name: 'deleted_at', type: 'timestamptz', nullable: true },
  },
});
