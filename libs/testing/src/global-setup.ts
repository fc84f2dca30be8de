import { Client } from 'pg';
import { createDataSource, ensureDatabase, quoteIdentifier } from '@orchestrator/db';
import { ADMIN_DATABASE_URL, isStaleTestDatabase, TEMPLATE_ENV } from './test-database';

/**
 * Builds a migrated template database for this run; each test file clones it. Names carry the run's start
 * time, so that runs at the same time leave each other alone and an interrupted run's leftovers (older than
 * an hour) are dropped by the next one.
 */
export default async function globalSetup(): Promise<void> {
  const template = `orch_tpl_${Date.now()}_${process.pid}`;
  process.env[TEMPLATE_ENV] = template;
  const admin = new Client({ connectionString: ADMIN_DATABASE_URL });
  await admin.connect();
  try {
    const all = await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE 'orch_t%'`);
    for (const { datname } of all.rows.filter((row) => isStaleTestDatabase(row.datname))) {
      await admin.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(datname)} WITH (FORCE)`);
    }
  } finally {
    await admin.end();
  }
  const url = new URL(ADMIN_DATABASE_URL);
  url.pathname = `/${template}`;
  await ensureDatabase(url.toString());
  const dataSource = createDataSource({ databaseUrl: url.toString(), poolSize: 1 });
  await dataSource.initialize();
  await dataSource.runMigrations();
  await dataSource.destroy();
}
