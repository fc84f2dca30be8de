import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Callback steps: the tokens issued to their actions (hashed), their expiry and the latest progress. */
export class CallbackTokens1764200000000 implements MigrationInterface {
  name = 'CallbackTokens1764200000000';

  async up(db: QueryRunner): Promise<void> {
    // Only a SHA-256 of the token is kept: the token itself is in the callback URL and nowhere else.
    // `version` is the process version while it waits for this callback: resume, abort and timeout all
    // bump it, and a token is only good while the process still has that version.
    await db.query(`
      CREATE TABLE callback_tokens (
        token_hash bytea PRIMARY KEY,
        process_id uuid NOT NULL REFERENCES processes (process_id) ON DELETE CASCADE,
        step_index integer NOT NULL,
        version integer NOT NULL,
        expires_at timestamptz,
        consumed_at timestamptz,
        progress jsonb,
        progress_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await db.query(`CREATE INDEX callback_tokens_process_idx ON callback_tokens (process_id, created_at DESC)`);
    await db.query(
      `CREATE INDEX callback_tokens_expiry_idx ON callback_tokens (expires_at)
        WHERE consumed_at IS NULL AND expires_at IS NOT NULL`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE callback_tokens`);
  }
}
