import { EntitySchema } from 'typeorm';
import { ROLES, type Role } from '@orchestrator/auth';
import { oneOf, type ColumnsOf } from './entity-columns';

/** An API key (ENGINE.md 10.3): only the SHA-256 of the key is kept; a revoked key stays, for the audit. */
export interface ApiKeyRow {
  id: string;
  /** Unique among all keys, revoked ones too: the acting user of what the key did. */
  name: string;
  role: Role;
  keyHash: Buffer;
  createdBy: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

const columns: ColumnsOf<ApiKeyRow> = {
  id: { type: 'uuid', primary: true, generated: 'uuid' },
  name: { type: 'text', unique: true },
  role: { type: 'text' },
  keyHash: { name: 'key_hash', type: 'bytea', unique: true },
  createdBy: { name: 'created_by', type: 'text' },
  createdAt: { name: 'created_at', type: 'timestamptz', createDate: true },
  lastUsedAt: { name: 'last_used_at', type: 'timestamptz', nullable: true },
  revokedAt: { name: 'revoked_at', type: 'timestamptz', nullable: true },
};

export const ApiKeyEntity = new EntitySchema<ApiKeyRow>({
  name: 'ApiKey',
  tableName: 'api_keys',
  columns,
  checks: [{ name: 'api_keys_role_check', expression: oneOf('role', ROLES) }],
});
