import type { DataSource } from 'typeorm';
import type { ApiKeyLookup, ApiKeyRecord } from '@orchestrator/auth';

/** `@orchestrator/auth`'s key store on the `api_keys` table: only hashes cross it, never a key. */
export class PostgresApiKeyLookup implements ApiKeyLookup {
  constructor(private readonly dataSource: DataSource) {}

  async findActiveByHash(keyHash: string): Promise<ApiKeyRecord | null> {
    const rows = (await this.dataSource.query(
      `SELECT id, name, role FROM api_keys WHERE key_hash = decode($1, 'hex') AND revoked_at IS NULL`,
      [keyHash],
    )) as ApiKeyRecord[];
    return rows[0] ?? null;
  }

  async recordUse(id: string, at: Date): Promise<void> {
    await this.dataSource.query(
      `UPDATE api_keys SET last_used_at = $2 WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < $2)`,
      [id, at],
    );
  }
}
