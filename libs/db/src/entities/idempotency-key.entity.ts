import { EntitySchema } from 'typeorm';
import type { ColumnsOf } from './entity-columns';

export interface IdempotencyKeyRow {
  key: string;
  processId: string;
  createdAt: Date;
}

const columns: ColumnsOf<IdempotencyKeyRow> = {
  key: { type: 'text', primary: true },
  processId: { name: 'process_id', type: 'uuid' },
  createdAt: { name: 'created_at', type: 'timestamptz', createDate: true },
};

/**
 * No foreign key to the process: a key outlives a deleted task, so that a repeated request still answers with
 * the original id instead of starting the task again.
 */
export const IdempotencyKeyEntity = new EntitySchema<IdempotencyKeyRow>({
  name: 'IdempotencyKey',
  tableName: 'idempotency_keys',
  columns,
  indices: [{ name: 'idempotency_keys_created_idx', columns: ['createdAt'] }],
});
