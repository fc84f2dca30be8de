import { EntitySchema } from 'typeorm';
import type { State } from '@orchestrator/engine';
import { oneOf, type ColumnsOf } from './entity-columns';
import { ProcessEntity, type ProcessRow } from './process.entity';

export const INPUT_TYPES = ['initial_state', 'user_input'] as const;

/** The input a process started with, and every answer given to one of its input steps. */
export interface InputStateRow {
  inputStateId: string;
  processId: string;
  inputType: (typeof INPUT_TYPES)[number];
  state: State;
  createdBy: string;
  createdAt: Date;
}

export interface InputStateRelations {
  process?: ProcessRow;
}

const columns: ColumnsOf<InputStateRow> = {
  inputStateId: { name: 'input_state_id', type: 'uuid', primary: true, generated: 'uuid' },
  processId: { name: 'process_id', type: 'uuid' },
  inputType: { name: 'input_type', type: 'text' },
  state: { type: 'jsonb' },
  createdBy: { name: 'created_by', type: 'text' },
  createdAt: { name: 'created_at', type: 'timestamptz', createDate: true },
};

export const InputStateEntity = new EntitySchema<InputStateRow & InputStateRelations>({
  name: 'InputState',
  tableName: 'input_states',
  columns,
  relations: {
    process: {
      type: 'many-to-one',
      target: ProcessEntity,
      joinColumn: { name: 'process_id', foreignKeyConstraintName: 'input_states_process_id_fkey' },
      onDelete: 'CASCADE',
    },
  },
  indices: [{ name: 'input_states_process_idx', columns: ['processId', 'createdAt'] }],
  checks: [{ name: 'input_states_input_type_check', expression: oneOf('input_type', INPUT_TYPES) }],
});
