import type { PoolClient, QueryResultRow } from 'pg';
import type { DataSource } from 'typeorm';

/** Anything that runs SQL: the DataSource, a QueryRunner or EntityManager inside a transaction, `ctx.tx`. */
export interface Queryable {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

/**
 * Runs a named statement on a pooled connection: PostgreSQL plans it once per connection, which matters on
 * paths taken once per process (the start) as well as per step.
 */
export async function runNamed<R extends QueryResultRow>(
  dataSource: DataSource,
  statement: { name: string; text: string },
  values: unknown[],
): Promise<R[]> {
  const runner = dataSource.createQueryRunner();
  try {
    const client = (await runner.connect()) as PoolClient;
    return (await client.query<R>({ name: statement.name, text: statement.text, values })).rows;
  } finally {
    await runner.release();
  }
}
