import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { quoteIdentifier } from '@orchestrator/db';

export const ADMIN_DATABASE_URL = process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://root@127.0.0.1:5432/postgres';
/** Set by globalSetup for the jest workers of one run. */
export const TEMPLATE_ENV = 'ORCH_TEST_TEMPLATE';
const STALE_AFTER_MS = 60 * 60 * 1000;

/** Test databases are named orch_test_<ms>_<random> and templates orch_tpl_<ms>_<pid>. */
export function isStaleTestDatabase(name: string, now = Date.now()): boolean {
  const match = /^orch_(?:test|tpl)_(\d{13})_/.exec(name);
  return match !== null && now - Number(match[1]) > STALE_AFTER_MS;
}

function templateDatabase(): string {
  const template = process.env[TEMPLATE_ENV];
  if (!template)
    throw new Error(`${TEMPLATE_ENV} is not set: run the tests through jest (its globalSetup builds the template)`);
  return template;
}

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
  const name = `orch_test_${Date.now()}_${randomBytes(4).toString('hex')}`;
  const template = templateDatabase();
  await withAdmin(async (client) => {
    // Two files cloning at once collide on the template ("being accessed by other users"): retry briefly.
    for (let attempt = 1; ; attempt += 1) {
      try {
        await client.query(`CREATE DATABASE ${quoteIdentifier(name)} TEMPLATE ${quoteIdentifier(template)}`);
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
    drop: () =>
      withAdmin(
        async (client) => void (await client.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(name)} WITH (FORCE)`)),
      ),
  };
}
