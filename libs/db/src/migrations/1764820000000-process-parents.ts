import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sub-workflows (ENGINE.md 14.2): a child process names its parent and the parent's step that started it;
 * a branch of a parallel step (ENGINE.md 14.1) is such a child with the branch's name. No column changes
 * after the insert, so the per-step update stays a HOT update. Deleting a parent task
 * keeps its children (a workflow process is an audit record) and forgets the link.
 */
export class ProcessParents1764820000000 implements MigrationInterface {
  name = 'ProcessParents1764820000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE processes
        ADD COLUMN parent_id uuid,
        ADD COLUMN parent_step_index integer,
        ADD COLUMN branch text,
        ADD CONSTRAINT processes_parent_id_fkey FOREIGN KEY (parent_id) REFERENCES processes (process_id)
          ON DELETE SET NULL`);
    await db.query(`CREATE INDEX processes_parent_idx ON processes (parent_id, parent_step_index)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX processes_parent_idx`);
    await db.query(`ALTER TABLE processes DROP COLUMN branch, DROP COLUMN parent_step_index, DROP COLUMN parent_id`);
  }
}
