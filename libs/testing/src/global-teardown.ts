import { Client } from 'pg';
import { quoteIdentifier } from '@orchestrator/db';
import { ADMIN_DATABASE_URL, TEMPLATE_ENV } from './test-database';

/** Drops this run's template database. */
export default async function globalTeardown(): Promise<void> {
  const template = process.env[TEMPLATE_ENV];
  if (!template) return;
  const admin = new Client({ connectionString: ADMIN_DATABASE_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(template)} WITH (FORCE)`);
  await admin.end();
}
