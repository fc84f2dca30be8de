import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The waiting processes whose retry is due, found by their due time: the recovery sweeper's turn and the
 * resume task read them without walking every waiting process. Partial (only `waiting` rows), and on a
 * column the step commit changes only together with the status, so the per-step update stays a HOT update.
 */
export class DueRetriesIndex1764830000000 implements MigrationInterface {
  name = 'DueRetriesIndex1764830000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE INDEX processes_waiting_retry_idx ON processes (next_retry_at) WHERE status = 'waiting'`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX processes_waiting_retry_idx`);
  }
}
