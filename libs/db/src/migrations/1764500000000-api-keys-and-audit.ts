import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Security (ENGINE.md 10): the API keys (only their SHA-256 is kept) and the audit trail, which the
 * application can append to and read, never change.
 */
export class ApiKeysAndAudit1764500000000 implements MigrationInterface {
  name = 'ApiKeysAndAudit1764500000000';

  async up(db: QueryRunner): Promise<void> {
    // `name` stays unique among revoked keys too: it is the acting user of what the key did, in createdBy and
    // in the audit trail, so a new key must not take over an old one's name.
    await db.query(`
      CREATE TABLE api_keys (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL UNIQUE,
        role text NOT NULL CHECK (role IN ('read', 'operate', 'admin')),
        key_hash bytea NOT NULL UNIQUE,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz,
        revoked_at timestamptz
      )`);

    await db.query(`
      CREATE TABLE audit_events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        at timestamptz NOT NULL DEFAULT clock_timestamp(),
        actor text NOT NULL,
        action text NOT NULL,
        target_type text NOT NULL,
        target_id text,
        outcome text NOT NULL CHECK (outcome IN ('allowed', 'denied')),
        details jsonb NOT NULL DEFAULT '{}'
      )`);
    // Newest first, and newest first for one actor or one target (the list's filters; libs/search's keyset).
    await db.query(`CREATE INDEX audit_events_at_idx ON audit_events (at DESC, id DESC)`);
    await db.query(`CREATE INDEX audit_events_actor_idx ON audit_events (actor, at DESC, id DESC)`);
    await db.query(`CREATE INDEX audit_events_target_idx ON audit_events (target_id, at DESC, id DESC)`);

    // Append-only, for every role: a trigger fires for the table's owner and for superusers too, and ENABLE
    // ALWAYS keeps it firing under session_replication_role = replica (which silences ordinary triggers).
    // Only DDL (dropping the trigger or the table) gets around it, which the application never issues.
    await db.query(`
      CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_events is append-only: % is not allowed', TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await db.query(`
      CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
        FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()`);
    await db.query(`
      CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
        FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only()`);
    await db.query(`ALTER TABLE audit_events ENABLE ALWAYS TRIGGER audit_events_append_only`);
    await db.query(`ALTER TABLE audit_events ENABLE ALWAYS TRIGGER audit_events_no_truncate`);
    // Roles other than the owner get nothing they do not need (PostgreSQL grants PUBLIC nothing on a new
    // table; this says so, and keeps it true if a default privilege was configured).
    await db.query(`REVOKE UPDATE, DELETE, TRUNCATE ON audit_events FROM PUBLIC`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE audit_events`);
    await db.query(`DROP FUNCTION audit_events_append_only()`);
    await db.query(`DROP TABLE api_keys`);
  }
}
