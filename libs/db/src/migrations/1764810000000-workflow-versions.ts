import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Workflow versions (ENGINE.md 14.3): every step list a workflow was registered with, by its digest; the
 * version a workflow is registered with now; and the version each process is pinned to. A migration cannot
 * compute a digest (the step lists are code), so processes from before this migration keep a null version
 * until the next registration pins them to their workflow's version then (pin-unversioned-processes.ts);
 * the partial index keeps that look-up cheap once none is left.
 */
export class WorkflowVersions1764810000000 implements MigrationInterface {
  name = 'WorkflowVersions1764810000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE workflow_versions (
        workflow_name text NOT NULL,
        version text NOT NULL,
        steps jsonb NOT NULL,
        first_seen_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT workflow_versions_pkey PRIMARY KEY (workflow_name, version)
      )`);
    await db.query(`ALTER TABLE workflows ADD COLUMN version text`);
    await db.query(`ALTER TABLE processes ADD COLUMN workflow_version text`);
    await db.query(
      `CREATE INDEX processes_unversioned_idx ON processes (workflow_name) WHERE workflow_version IS NULL`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX processes_unversioned_idx`);
    await db.query(`ALTER TABLE processes DROP COLUMN workflow_version`);
    await db.query(`ALTER TABLE workflows DROP COLUMN version`);
    await db.query(`DROP TABLE workflow_versions`);
  }
}
