import { EntitySchema } from 'typeorm';

export interface ProcessStepRow {
  stepId: string;
  seq: string;
  processId: string;
  name: string;
  status: string;
  state: Record<string, unknown>;
  error: Record<string, unknown> | null;
  createdBy: string;
  startedAt: Date;
  completedAt: Date;
  retries: number;
}

export const ProcessStepEntity = new EntitySchema<ProcessStepRow>({
  name: 'ProcessStep',
  tableName: 'process_steps',
  columns: {
    stepId: { name: 'step_id', type: 'uuid', primary: true, generated: 'uuid' },
    seq: { type: 'bigint', insert: false, update: false },
    processId: { name: 'process_id', type: 'uuid' },
    name: { type: 'text' },
    status: { type: 'text' },
    state: { type: 'jsonb' },
    error: { type: 'jsonb', nullable: true },
    createdBy: { name: 'created_by', type: 'text' },
    startedAt: { name: 'started_at', type: 'timestamptz' },
    completedAt: { name: 'completed_at', type: 'timestamptz' },
    retries: { type: 'integer', default: 0 },
  },
});
