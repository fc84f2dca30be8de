import type { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import type { OrchestratorConfig } from '@orchestrator/config';
import { createDataSource, prepareDatabase } from '@orchestrator/db';
import type { ProductRegistry, WorkflowRegistry } from '@orchestrator/engine';
import { createLogger } from './logger';
import { loadProductRegistry, loadRegistry } from './registry';
import { checkPostgres, checkRedis } from './service-checks';

export interface Booted {
  config: OrchestratorConfig;
  logger: Logger;
  registry: WorkflowRegistry;
  dataSource: DataSource;
  /** Products, whose data schemas `ctx.subscriptions` validates against. */
  products: ProductRegistry;
}

/**
 * Start-up shared by every app: load workflows, check that PostgreSQL and Redis answer, create the
 * database if missing, apply migrations and upsert workflows under an advisory lock (ENGINE.md 8.1).
 */
export async function boot(config: OrchestratorConfig, name: string): Promise<Booted> {
  const logger = createLogger(config.logLevel, name);
  const registry = loadRegistry(config.workflowModules);
  const products = loadProductRegistry(config.workflowModules);
  await Promise.all([checkPostgres(config.databaseUrl), checkRedis(config.redisUrl)]);
  const dataSource = createDataSource({
    databaseUrl: config.databaseUrl,
    poolSize: config.dbPoolSize,
    applicationName: name,
  });
  await prepareDatabase(dataSource, config.databaseUrl, registry.all(), products.all());
  logger.info({ workflows: registry.all().length, products: products.all().length }, 'database ready');
  return { config, logger, registry, dataSource, products };
}
