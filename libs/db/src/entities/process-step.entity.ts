import { EntitySchema, type EntitySchemaColumnOptions } from 'typeorm';
import type { State, StepStatus } from '@orchestrator/engine';
import type { ColumnsOf } from './entity-columns';
import { ProcessEntity, type ProcessRow } from './process.entity';

/** One entry of a process's step log, in `seq` order. */
export interface ProcessStepRow {
  stepId: string;
  /** bigint, which node-postgres reads as a string. */
  seq: string;
  processId: string;
  name: string;
  status: StepStatus;
  state: State;
  error: Record<string, unknown> | null;
  createdBy: string;
  startedAt: Date;
  completedAt: Date;
  retries: number;
}

export interface ProcessStepRelations {
  process?: ProcessRow;
}

// `seq` is GENERATED ALWAYS AS IDENTITY. EntitySchema passes the 'identity' strategy through to TypeORM but its
// type leaves it out (the decorators have it), and it cannot say ALWAYS; without the strategy the schema
// builder takes the column for a changed one.
const identity = 'identity' as unknown as EntitySchemaColumnOptions['generated'];

const columns: ColumnsOf<ProcessStepRow> = {
  stepId: { name: 'step_id', type: 'uuid', primary: true, generated: 'uuid' },
  seq: { type: 'bigint', generated: identity, insert: false, update: false },
  processId: { name: 'process_id', type: 'uuid' },
  name: { type: 'text' },
  status: { type: 'text' },
  state: { type: 'jsonb' },
  error: { type: 'jsonb', nullable: true },
  createdBy: { name: 'created_by', type: 'text' },
  startedAt: { name: 'started_at', type: 'timestamptz' },
  completedAt: { name: 'completed_at', type: 'timestamptz' },
  retries: { type: 'integer', default: 0 },
};

export const ProcessStepEntity = new EntitySchema<ProcessStepRow & ProcessStepRelations>({
  name: 'ProcessStep',
  tableName: 'process_steps',
  columns,
  relations: {
    process: {
      type: 'many-to-one',
      target: ProcessEntity,
      joinColumn: { name: 'process_id', foreignKeyConstraintName: 'process_steps_process_id_fkey' },
      onDelete: 'CASCADE',
    },
  },
  indices: [{ name: 'process_steps_process_seq_idx', columns: ['processId', 'seq'] }],
});
