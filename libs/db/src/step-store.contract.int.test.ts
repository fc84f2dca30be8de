import type { DataSource } from 'typeorm';
import { describeStepStoreContract } from '@orchestrator/engine/testing';
import { createTestDatabase } from '@orchestrator/testing';
import { createDataSource } from './data-source';
import { PostgresStepStore } from './step-store';

describeStepStoreContract('PostgresStepStore', async () => {
  const db = await createTestDatabase();
  const dataSource: DataSource = createDataSource({ databaseUrl: db.url, poolSize: 4 });
  await dataSource.initialize();
  await dataSource.query(`INSERT INTO workflows (name, target, description) VALUES ('contract', 'SYSTEM', 'c')`);
  await dataSource.query(
    `CREATE TABLE contract_effects (effect text NOT NULL, at timestamptz DEFAULT clock_timestamp())`,
  );
  const sql = async <T>(text: string, params: unknown[] = []) => (await dataSource.query(text, params)) as T[];
  return {
    store: new PostgresStepStore(dataSource),
    seed: async ({ processId, state = {}, actor = 'SYSTEM', isTask = false }) => {
      await sql(
        `INSERT INTO processes (process_id, workflow_id, workflow_name, is_task, status, state, created_by, actor)
         SELECT $1, workflow_id, name, $2, 'created', $3::jsonb, $4, $4 FROM workflows WHERE name = 'contract'`,
        [processId, isTask, JSON.stringify(state), actor],
      );
    },
    read: async (processId) => {
      const [row] = await sql<{
        status: never;
        version: number;
        stepIndex: number;
        state: Record<string, unknown>;
        lastStep: string | null;
        failedAttempts: number;
        failedReason: string | null;
      }>(
        `SELECT status, version, step_index AS "stepIndex", state, last_step AS "lastStep",
                failed_attempts AS "failedAttempts", failed_reason AS "failedReason"
           FROM processes WHERE process_id = $1`,
        [processId],
      );
      return row;
    },
    rows: (processId) =>
      sql(`SELECT name, status, state, error, retries FROM process_steps WHERE process_id = $1 ORDER BY seq`, [
        processId,
      ]),
    bumpVersion: async (processId) => {
      await sql(`UPDATE processes SET version = version + 1 WHERE process_id = $1`, [processId]);
    },
    setEnginePaused: async (paused) => {
      await sql(`UPDATE engine_settings SET global_lock = $1`, [paused]);
    },
    stageEffect: async (opened, effect) => {
      await opened.tx.query(`INSERT INTO contract_effects (effect) VALUES ($1)`, [effect]);
    },
    committedEffects: async () =>
      (await sql<{ effect: string }>(`SELECT effect FROM contract_effects ORDER BY at`)).map((row) => row.effect),
    close: async () => {
      await dataSource.destroy();
      await db.drop();
    },
  };
});
