import { defineWorkflow, step } from '@orchestrator/engine';
import { createTestDatabase, type TestDatabase } from '@orchestrator/testing';
import type { DataSource } from 'typeorm';
import { createDataSource } from './data-source';
import { syncWorkflows } from './workflow-sync';

const steps = [step('A', () => ({}))];
const workflow = (name: string, description = name) => defineWorkflow({ name, target: 'SYSTEM', description, steps });

describe('workflows upserted at start-up', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  beforeAll(async () => {
    db = await createTestDatabase();
    dataSource = await createDataSource({ databaseUrl: db.url, poolSize: 1 }).initialize();
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  const stored = async () =>
    (await dataSource.query(
      `SELECT workflow_id AS id, name, description, deleted_at IS NOT NULL AS deleted FROM workflows ORDER BY name`,
    )) as { id: string; name: string; description: string; deleted: boolean }[];

  it('follows the registered definitions, soft-deletes the unregistered and keeps the id of one registered again', async () => {
    await syncWorkflows(dataSource.manager, [workflow('alpha'), workflow('beta')]);
    const [alpha, beta] = await stored();
    await syncWorkflows(dataSource.manager, [workflow('alpha', 'the first')]);
    expect(await stored()).toEqual([
      { id: alpha!.id, name: 'alpha', description: 'the first', deleted: false },
      { id: beta!.id, name: 'beta', description: 'beta', deleted: true },
    ]);
    await syncWorkflows(dataSource.manager, [workflow('beta')]);
    expect(await stored()).toEqual([
      { id: alpha!.id, name: 'alpha', description: 'the first', deleted: true },
      { id: beta!.id, name: 'beta', description: 'beta', deleted: false },
    ]);
  });

  it('soft-deletes every workflow when none is registered', async () => {
    await syncWorkflows(dataSource.manager, [workflow('gamma')]);
    await syncWorkflows(dataSource.manager, []);
    const after = await stored();
    expect(after.map((w) => w.name)).toContain('gamma');
    expect(after.filter((w) => !w.deleted)).toEqual([]);
  });
});
