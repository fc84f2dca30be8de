import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The trace context kept with a process (ENGINE.md 12.2): the `traceparent` of the request that started it,
 * so that every step span joins that trace (also after a recovery), and of the latest request that resumed
 * it, which the step spans link to. A table of its own: written only while tracing is on, never on the hot path.
 */
export class ProcessTraces1764700000000 implements MigrationInterface {
  name = 'ProcessTraces1764700000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE process_traces (
        process_id uuid PRIMARY KEY REFERENCES processes (process_id) ON DELETE CASCADE,
        trace_context text NOT NULL,
        trace_link text
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE process_traces`);
  }
}
