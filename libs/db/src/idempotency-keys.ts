/** Anything that runs SQL: the DataSource, or a QueryRunner inside a transaction. */
export interface Queryable {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

/** The process an Idempotency-Key was first used for, or null when the key is free. */
export async function processOfIdempotencyKey(db: Queryable, key: string): Promise<string | null> {
  const rows = (await db.query('SELECT process_id FROM idempotency_keys WHERE key = $1', [key])) as {
    process_id: string;
  }[];
  return rows[0]?.process_id ?? null;
}
