import type { Queryable } from './queryable';

/** The process an Idempotency-Key was first used for, or null when the key is free. */
export async function processOfIdempotencyKey(db: Queryable, key: string): Promise<string | null> {
  const rows = (await db.query('SELECT process_id FROM idempotency_keys WHERE key = $1', [key])) as {
    process_id: string;
  }[];
  return rows[0]?.process_id ?? null;
}

/** Deletes keys older than `retentionHours` (ENGINE.md 8.7 keeps them at least 24 hours); returns how many. */
export async function expireIdempotencyKeys(db: Queryable, retentionHours: number): Promise<number> {
  const [, deleted] = (await db.query(
    `DELETE FROM idempotency_keys WHERE created_at < now() - $1 * interval '1 hour'`,
    [retentionHours],
  )) as [unknown, number];
  return deleted;
}
