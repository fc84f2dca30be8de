import { EntitySchema } from 'typeorm';

export interface IdempotencyKeyRow {
  key: string;
  processId: string;
  createdAt: Date;
}

export const IdempotencyKeyEntity = new EntitySchema<IdempotencyKeyRow>({
  name: 'IdempotencyKey',
  tableName: 'idempotency_keys',
  columns: {
    key: { type: 'text', primary: true },
    processId: { name: 'process_id', type: 'uuid' },
    createdAt: { name: 'created_at', type: 'timestamptz', createDate: true },
  },
});
