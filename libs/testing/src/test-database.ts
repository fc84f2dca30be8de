import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { quoteIdentifier } from '@orchestrator/db';

export const ADMIN_DATABASE_URL = process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://root@127.0.0.1:5432/postgres';
export const TEMPLATE_DATABASE = 'orch_template_test';

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

async function withAdmin<T>(fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: ADMIN_DATABASE_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A fresh, migrated database for one test file, cloned from the template that globalSetup built. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `orch_test_${randomBytes(6).toString('hex')}`;
  await withAdmin(async (client) => {
    // Two files cloning at once collide on the template ("being accessed by other users"): retry briefly.
    for (let attempt = 1; ; attempt += 1) {
      try {
        await client.query(`CREATE DATABASE ${quoteIdentifier(name)} TEMPLATE ${quoteIdentifier(TEMPLATE_DATABASE)}`);
        return;
      } catch (error) {
        if (attempt >= 50 || (error as { code?: string }).code !== '55006') throw error;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  });
  const url = new URL(ADMIN_DATABASE_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: () => withAdmin(async (client) => void (await client.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(name)} WITH (FORCE)`))),
  };
}
