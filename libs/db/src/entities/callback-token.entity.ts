import { EntitySchema } from 'typeorm';
import type { ColumnsOf } from './entity-columns';
import { ProcessEntity, type ProcessRow } from './process.entity';

/**
 * A token issued to a callback step's action, kept only as its SHA-256; good while the process still has
 * `version` (resume, abort and time-out bump it).
 */
export interface CallbackTokenRow {
  tokenHash: Buffer;
  processId: string;
  stepIndex: number;
  version: number;
  expiresAt: Date | null;
  consumedAt: Date | null;
  /** The latest progress the external system reported. */
  progress: unknown;
  progressAt: Date | null;
  createdAt: Date;
}

export interface CallbackTokenRelations {
  process?: ProcessRow;
}

const columns: ColumnsOf<CallbackTokenRow> = {
  tokenHash: { name: 'token_hash', type: 'bytea', primary: true },
  processId: { name: 'process_id', type: 'uuid' },
  stepIndex: { name: 'step_index', type: 'integer' },
  version: { type: 'integer' },
  expiresAt: { name: 'expires_at', type: 'timestamptz', nullable: true },
  consumedAt: { name: 'consumed_at', type: 'timestamptz', nullable: true },
  progress: { type: 'jsonb', nullable: true },
  progressAt: { name: 'progress_at', type: 'timestamptz', nullable: true },
  createdAt: { name: 'created_at', type: 'timestamptz', createDate: true, default: () => 'clock_timestamp()' },
};

export const CallbackTokenEntity = new EntitySchema<CallbackTokenRow & CallbackTokenRelations>({
  name: 'CallbackToken',
  tableName: 'callback_tokens',
  columns,
  relations: {
    process: {
      type: 'many-to-one',
      target: ProcessEntity,
      joinColumn: { name: 'process_id', foreignKeyConstraintName: 'callback_tokens_process_id_fkey' },
      onDelete: 'CASCADE',
    },
  },
  // (process_id, created_at DESC): TypeORM cannot say DESC, so the migration keeps it (synchronize: false).
  indices: [{ name: 'callback_tokens_process_idx', columns: ['processId', 'createdAt'], synchronize: false }],
});
