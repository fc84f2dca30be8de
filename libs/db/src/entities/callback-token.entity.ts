import { EntitySchema } from 'typeorm';

export interface CallbackTokenRow {
  tokenHash: Buffer;
  processId: string;
  stepIndex: number;
  version: number;
  expiresAt: Date | null;
  consumedAt: Date | null;
  progress: unknown;
  progressAt: Date | null;
  createdAt: Date;
}

export const CallbackTokenEntity = new EntitySchema<CallbackTokenRow>({
  name: 'CallbackToken',
  tableName: 'callback_tokens',
  columns: {
    tokenHash: { name: 'token_hash', type: 'bytea', primary: true },
    processId: { name: 'process_id', type: 'uuid' },
    stepIndex: { name: 'step_index', type: 'integer' },
    version: { type: 'integer' },
    expiresAt: { name: 'expires_at', type: 'timestamptz', nullable: true },
    consumedAt: { name: 'consumed_at', type: 'timestamptz', nullable: true },
    progress: { type: 'jsonb', nullable: true },
    progressAt: { name: 'progress_at', type: 'timestamptz', nullable: true },
    createdAt: { name: 'created_at', type: 'timestamptz', createDate: true },
  },
});
