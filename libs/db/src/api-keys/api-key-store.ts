import type { DataSource } from 'typeorm';
import { generateApiKey, hashApiKey, type Role } from '@orchestrator/auth';
import { auditParameters, type Audit } from '../audit/audit';
import type { ApiKeyRow } from '../entities/api-key.entity';

/** An API key as `GET /api/api-keys` shows it: everything but the hash. */
export type ApiKeyRecordJson = Omit<ApiKeyRow, 'keyHash'>;

export type CreateApiKeyOutcome =
  /** `key` is the only copy there will ever be: show it once. */
  | { readonly kind: 'created'; readonly record: ApiKeyRecordJson; readonly key: string }
  | { readonly kind: 'name_taken' };

export type RevokeApiKeyOutcome =
  | { readonly kind: 'revoked'; readonly record: ApiKeyRecordJson }
  | { readonly kind: 'already_revoked'; readonly record: ApiKeyRecordJson }
  | { readonly kind: 'not_found' };

const COLUMNS = `id, name, role, created_by AS "createdBy", created_at AS "createdAt", last_used_at AS "lastUsedAt",
                 revoked_at AS "revokedAt"`;

// One statement: the key and its audit row, or neither (a name taken already inserts nothing).
const CREATE_API_KEY_SQL = `
  WITH created AS (
    INSERT INTO api_keys (name, role, key_hash, created_by) VALUES ($1, $2, decode($3, 'hex'), $4)
    ON CONFLICT (name) DO NOTHING
    RETURNING ${COLUMNS}
  ), audited AS (
    INSERT INTO audit_events (actor, action, target_type, target_id, outcome, details)
    SELECT $5, $6, 'api-key', id::text, 'allowed', jsonb_build_object('name', name, 'role', role) || $7::jsonb
      FROM created WHERE $6::text IS NOT NULL
  )
  SELECT * FROM created`;

const REVOKE_API_KEY_SQL = `
  WITH revoked AS (
    UPDATE api_keys SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL RETURNING ${COLUMNS}
  ), audited AS (
    INSERT INTO audit_events (actor, action, target_type, target_id, outcome, details)
    SELECT $2, $3, 'api-key', id::text, 'allowed', jsonb_build_object('name', name) || $4::jsonb
      FROM revoked WHERE $3::text IS NOT NULL
  )
  SELECT * FROM revoked`;

/** The API keys (ENGINE.md 10.3): created, listed without secrets, revoked; each change with its audit row. */
export class ApiKeyStore {
  constructor(private readonly dataSource: DataSource) {}

  async create(
    input: { name: string; role: Role; createdBy: string },
    audit: Audit | null,
  ): Promise<CreateApiKeyOutcome> {
    const key = generateApiKey();
    const rows = (await this.dataSource.query(CREATE_API_KEY_SQL, [
      input.name,
      input.role,
      hashApiKey(key),
      input.createdBy,
      ...auditParameters(audit),
    ])) as ApiKeyRecordJson[];
    const record = rows[0];
    return record ? { kind: 'created', record, key } : { kind: 'name_taken' };
  }

  /** Every key, revoked ones too (their names stay taken), newest first. */
  async list(): Promise<ApiKeyRecordJson[]> {
    return (await this.dataSource.query(
      `SELECT ${COLUMNS} FROM api_keys ORDER BY created_at DESC, id DESC`,
    )) as ApiKeyRecordJson[];
  }

  /** From now on the key is refused (401); revoking it again changes nothing. */
  async revoke(id: string, audit: Audit | null): Promise<RevokeApiKeyOutcome> {
    const rows = (await this.dataSource.query(REVOKE_API_KEY_SQL, [
      id,
      ...auditParameters(audit),
    ])) as ApiKeyRecordJson[];
    const revoked = rows[0];
    if (revoked) return { kind: 'revoked', record: revoked };
    const found = (await this.dataSource.query(`SELECT ${COLUMNS} FROM api_keys WHERE id = $1`, [
      id,
    ])) as ApiKeyRecordJson[];
    return found[0] ? { kind: 'already_revoked', record: found[0] } : { kind: 'not_found' };
  }

  /** The name of a revoked key with this SHA-256 hex hash (a refused attempt with it is audited under it). */
  async revokedKeyName(keyHash: string): Promise<string | null> {
    const rows = (await this.dataSource.query(
      `SELECT name FROM api_keys WHERE key_hash = decode($1, 'hex') AND revoked_at IS NOT NULL`,
      [keyHash],
    )) as { name: string }[];
    return rows[0]?.name ?? null;
  }

  /**
   * The `bootstrap` admin key of a database that has no API key at all (revoked ones count: revoking every
   * key must not bring a bootstrap key back). One statement, so that of several APIs starting at once
   * exactly one creates it: the others find a key, or lose the race on the unique name.
   */
  async createBootstrapKey(): Promise<
    { readonly kind: 'created'; readonly key: string } | { readonly kind: 'exists' }
  > {
    const key = generateApiKey();
    const rows = (await this.dataSource.query(
      `WITH created AS (
         INSERT INTO api_keys (name, role, key_hash, created_by)
         SELECT 'bootstrap', 'admin', decode($1, 'hex'), 'SYSTEM' WHERE NOT EXISTS (SELECT 1 FROM api_keys)
         ON CONFLICT (name) DO NOTHING
         RETURNING id
       ), audited AS (
         INSERT INTO audit_events (actor, action, target_type, target_id, outcome, details)
         SELECT 'SYSTEM', 'api-key.create', 'api-key', id::text, 'allowed',
                '{"name": "bootstrap", "role": "admin", "bootstrap": true}'::jsonb
           FROM created
       )
       SELECT id FROM created`,
      [hashApiKey(key)],
    )) as { id: string }[];
    return rows.length > 0 ? { kind: 'created', key } : { kind: 'exists' };
  }
}
