import type { DataSource } from 'typeorm';
import type { ProductDefinition, WorkflowDefinition } from '@orchestrator/engine';
import { ensureDatabase } from './ensure-database';
import { syncWorkflows } from './workflow-sync';
import { syncProductModel } from './subscriptions/product-model-sync';
import { syncProducts } from './subscriptions/product-sync';

/** Serializes start-up work across every process that starts at the same time (ENGINE.md 8.1). */
export const STARTUP_LOCK_KEY = 727_274_001;

/**
 * Creates the database if missing, applies migrations and upserts the workflows, the products and their blocks and
 * resource types, all under one advisory
 * lock so that any number of API and worker processes may start together. Initializes the DataSource.
 */
export async function prepareDatabase(
  dataSource: DataSource,
  databaseUrl: string,
  workflows: readonly WorkflowDefinition[],
  products: readonly ProductDefinition[] = [],
): Promise<void> {
  await ensureDatabase(databaseUrl);
  if (!dataSource.isInitialized) await dataSource.initialize();
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [STARTUP_LOCK_KEY]);
    try {
      await dataSource.runMigrations({ transaction: 'each' });
      await syncWorkflows(runner.manager, workflows);
      await syncProducts(runner.manager, products, workflows);
      await syncProductModel(runner.manager, products);
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [STARTUP_LOCK_KEY]);
    }
  } finally {
    await runner.release();
  }
}
