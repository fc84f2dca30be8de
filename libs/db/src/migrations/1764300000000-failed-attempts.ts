import type { MigrationInterface, QueryRunner } from 'typeorm';

/** `attempt` counted the failed attempts of the current step: the column now says so. */
export class FailedAttempts1764300000000 implements MigrationInterface {
  name = 'FailedAttempts1764300000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE processes RENAME COLUMN attempt TO failed_attempts`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE processes RENAME COLUMN failed_attempts TO attempt`);
  }
}
