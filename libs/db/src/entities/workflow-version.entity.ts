import { EntitySchema } from 'typeorm';
import type { StepOutline } from '@orchestrator/engine';
import type { ColumnsOf } from './entity-columns';

/** A step list a workflow was registered with (ENGINE.md 14.3), kept for the processes pinned to it. */
export interface WorkflowVersionRow {
  workflowName: string;
  /** The digest of `steps` (workflowVersion() of @orchestrator/engine). */
  version: string;
  steps: StepOutline[];
  firstSeenAt: Date;
}

const columns: ColumnsOf<WorkflowVersionRow> = {
  workflowName: { name: 'workflow_name', type: 'text', primary: true },
  version: { type: 'text', primary: true },
  steps: { type: 'jsonb' },
  firstSeenAt: { name: 'first_seen_at', type: 'timestamptz', default: () => 'now()' },
};

export const WorkflowVersionEntity = new EntitySchema<WorkflowVersionRow>({
  name: 'WorkflowVersion',
  tableName: 'workflow_versions',
  columns,
});
