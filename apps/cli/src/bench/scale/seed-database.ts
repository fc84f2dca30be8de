import type { Client } from 'pg';
import { quoteIdentifier } from '../orchestrator-packages/db';
import {
  SEED_CHUNK_SQL,
  SEED_INPUT_STATES_SQL,
  SEED_PROCESS_SUBSCRIPTIONS_SQL,
  SEED_PROCESSES_SQL,
  SEED_STEPS_SQL,
  SEED_SUBSCRIPTIONS_SQL,
  SEED_WORKFLOWS_SQL,
} from './seed-sql';

export interface SeedSize {
  processes: number;
  steps: number;
  subscriptions: number;
}

/** A registered workflow and its step names, as GET /api/workflows lists them. */
export interface WorkflowSteps {
  name: string;
  steps: string[];
}

const CHUNK = 100_000;
const LOADED_TABLES = ['processes', 'process_steps', 'input_states', 'process_subscriptions'];

/** The database comment that says what a seed holds, so that a later run can reuse it. */
export function seedMarker(size: SeedSize): string {
  return `orchestrator bench seed v1: processes=${size.processes} steps=${size.steps} subscriptions=${size.subscriptions}`;
}

export async function seedMarkerOf(db: Client, database: string): Promise<string | null> {
  const { rows } = await db.query<{ comment: string | null }>(
    `SELECT shobj_description(oid, 'pg_database') AS comment FROM pg_database WHERE datname = $1`,
    [database],
  );
  return rows[0]?.comment ?? null;
}

/**
 * Fills a migrated, empty database with `size` in set-based statements, 100,000 processes per transaction.
 * Secondary indexes (and primary keys nothing references) are dropped first and rebuilt at the end with
 * their own definitions, foreign-key triggers are skipped for the session when allowed (the rows are
 * consistent by construction), and the tables are vacuumed and analyzed as a long-running system's would be.
 */
export async function seedDatabase(
  db: Client,
  database: string,
  size: SeedSize,
  workflows: readonly WorkflowSteps[],
  progress: (message: string) => void,
): Promise<void> {
  const started = performance.now();
  const elapsed = () => `${Math.round((performance.now() - started) / 1000)} s`;
  await db.query(`SET synchronous_commit = off`);
  await db.query(`SET maintenance_work_mem = '512MB'`);
  const { rows: su } = await db.query<{ on: string }>(`SELECT current_setting('is_superuser') AS on`);
  if (su[0]?.on === 'on') await db.query(`SET session_replication_role = replica`);
  await db.query(`SELECT setseed(0.2024)`);

  const rebuild = await dropLoadIndexes(db);
  await db.query(SEED_WORKFLOWS_SQL, [JSON.stringify(workflows)]);
  const product = await db.query<{ product_id: string }>(
    `SELECT product_id FROM products ORDER BY name = 'node' DESC, name LIMIT 1`,
  );
  const productId = size.subscriptions > 0 ? product.rows[0]?.product_id : undefined;
  if (productId) await db.query(SEED_SUBSCRIPTIONS_SQL, [productId, size.subscriptions]);

  const average = size.steps / size.processes;
  const fewest = Math.max(2, Math.floor(average * 0.4));
  const most = Math.max(fewest, Math.round(2 * average - fewest));
  for (let first = 1; first <= size.processes; first += CHUNK) {
    const last = Math.min(size.processes, first + CHUNK - 1);
    await db.query('BEGIN');
    await db.query(SEED_CHUNK_SQL, [first, last, size.processes, fewest, most]);
    await db.query(SEED_PROCESSES_SQL);
    await db.query(SEED_INPUT_STATES_SQL);
    await db.query(SEED_STEPS_SQL);
    if (productId) await db.query(SEED_PROCESS_SUBSCRIPTIONS_SQL, [productId]);
    await db.query('DROP TABLE seed_chunk');
    await db.query('COMMIT');
    progress(`seed: ${last}/${size.processes} processes (${elapsed()})`);
  }
  for (const statement of rebuild) await db.query(statement);
  progress(`seed: indexes rebuilt (${elapsed()})`);
  await db.query(`VACUUM (ANALYZE) ${[...LOADED_TABLES, 'subscriptions'].join(', ')}`);
  await db.query(`RESET session_replication_role`);
  await db.query(`COMMENT ON DATABASE ${quoteIdentifier(database)} IS '${seedMarker(size)}'`);
  progress(`seed: vacuumed and analyzed (${elapsed()})`);
}

/** Drops what makes a bulk load slow and returns the statements that put it back exactly as it was. */
async function dropLoadIndexes(db: Client): Promise<string[]> {
  // Primary keys and unique constraints that no foreign key depends on, then plain indexes.
  const constraints = await db.query<{ table: string; name: string; definition: string }>(
    `SELECT c.conrelid::regclass::text AS table, c.conname AS name, pg_get_constraintdef(c.oid) AS definition
       FROM pg_constraint c
      WHERE c.contype IN ('p', 'u') AND c.conrelid::regclass::text = ANY($1)
        AND NOT EXISTS (SELECT 1 FROM pg_constraint f WHERE f.contype = 'f' AND f.conindid = c.conindid)`,
    [LOADED_TABLES],
  );
  const indexes = await db.query<{ name: string; definition: string }>(
    `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS definition
       FROM pg_index i
      WHERE i.indrelid::regclass::text = ANY($1)
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)`,
    [LOADED_TABLES],
  );
  for (const c of constraints.rows) await db.query(`ALTER TABLE ${c.table} DROP CONSTRAINT ${quoteIdentifier(c.name)}`);
  for (const index of indexes.rows) await db.query(`DROP INDEX ${index.name}`);
  return [
    ...constraints.rows.map((c) => `ALTER TABLE ${c.table} ADD CONSTRAINT ${quoteIdentifier(c.name)} ${c.definition}`),
    ...indexes.rows.map((index) => index.definition),
  ];
}

/** A process with exactly ten step rows, for the detail figure. */
export async function processWithTenSteps(db: Client): Promise<string | undefined> {
  const { rows } = await db.query<{ process_id: string }>(
    `SELECT p.process_id FROM processes p
      WHERE p.status = 'completed' AND p.created_by <> 'bench-backlog'
        AND (SELECT count(*) FROM process_steps s WHERE s.process_id = p.process_id) = 10
      LIMIT 1`,
  );
  return rows[0]?.process_id;
}

/** The most common workflow (not a task) of the seed, for the search and filter figures. */
export async function commonWorkflow(db: Client): Promise<string | undefined> {
  const { rows } = await db.query<{ name: string }>(
    `SELECT workflow_name AS name FROM (SELECT workflow_name FROM processes WHERE NOT is_task LIMIT 100000) sample
      GROUP BY workflow_name ORDER BY count(*) DESC LIMIT 1`,
  );
  return rows[0]?.name;
}
