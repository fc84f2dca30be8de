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
    // The time-out task starts from the processes awaiting a callback (processes_status_started_idx) and
    // finds their current token through this index.
    await db.query(`CREATE INDEX callback_tokens_process_idx ON callback_tokens (process_id, created_at DESC)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE callback_tokens`);
  }
}
