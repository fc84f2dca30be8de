import { EntitySchema } from 'typeorm';

export interface InputStateRow {
  inputStateId: string;
  processId: string;
  inputType: 'initial_state' | 'user_input';
  state: Record<string, unknown>;
  createdBy: string;
  createdAt: Date;
}

export const InputStateEntity = new EntitySchema<InputStateRow>({
  name: 'InputState',
  tableName: 'input_states',
  columns: {
    inputStateId: { name: 'input_state_id', type: 'uuid', primary: true, generated: 'uuid' },
    processId: { name: 'process_id', type: 'uuid' },
    inputType: { name: 'input_type', type: 'text' },
    state: { type: 'jsonb' },
    createdBy: { name: 'created_by', type: 'text' },
    createdAt: { name: 'created_at', type: 'timestamptz', createDate: true },
  },
});
