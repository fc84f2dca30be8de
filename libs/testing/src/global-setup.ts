import { Client } from 'pg';
import { createDataSource, ensureDatabase, quoteIdentifier } from '@orchestrator/db';
import { ADMIN_DATABASE_URL, TEMPLATE_DATABASE } from './test-database';

/** Builds a migrated template database once per `npm test`; each test file clones it. */
export default async function globalSetup(): Promise<void> {
  const admin = new Client({ connectionString: ADMIN_DATABASE_URL });
  await admin.connect();
  try {
    // Databases left behind by an interrupted run, and the template (its migrations may have changed).
    const stale = await admin.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE 'orch_test_%' OR datname = $1`,
      [TEMPLATE_DATABASE],
    );
    for (const row of stale.rows) await admin.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(row.datname)} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
  const url = new URL(ADMIN_DATABASE_URL);
  url.pathname = `/${TEMPLATE_DATABASE}`;
  await ensureDatabase(url.toString());
  const dataSource = createDataSource({ databaseUrl: url.toString(), poolSize: 1 });
  await dataSource.initialize();
  await dataSource.runMigrations();
  await dataSource.destroy();
}
