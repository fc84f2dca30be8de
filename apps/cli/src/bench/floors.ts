import { randomBytes } from 'node:crypto';
import { Queue, Worker } from 'bullmq';
import { Client } from 'pg';
import { percentile } from './stats';

export interface FloorResult {
  config: string;
  steps_per_s: number;
  [key: string]: unknown;
}

/** Raw BullMQ: a chain of `steps` jobs per workflow, each job enqueues the next; no database. */
export async function bullmqFloor(
  redisUrl: string,
  workflows: number,
  steps: number,
  concurrency: number,
): Promise<FloorResult> {
  const url = new URL(redisUrl);
  const connection = { host: url.hostname, port: Number(url.port || 6379), maxRetriesPerRequest: null };
  const name = `floor${randomBytes(4).toString('hex')}`;
  const queue = new Queue(name, { connection, prefix: '{bench-floor}' });
  const started = new Map<number, number>();
  const latencies: number[] = [];
  let done = 0;
  let resolveAll: () => void = () => undefined;
  const all = new Promise<void>((resolve) => (resolveAll = resolve));
  const t0 = performance.now();
  const worker = new Worker(
    name,
    async (job) => {
      const { wf, i } = job.data as { wf: number; i: number };
      if (i + 1 < steps) await queue.add('step', { wf, i: i + 1 }, { removeOnComplete: true });
      else {
        latencies.push(performance.now() - (started.get(wf) ?? t0));
        if (++done === workflows) resolveAll();
      }
    },
    { connection, concurrency, prefix: '{bench-floor}' },
  );
  for (let wf = 0; wf < workflows; wf++) {
    started.set(wf, performance.now());
    await queue.add('step', { wf, i: 0 }, { removeOnComplete: true });
  }
  await all;
  const seconds = (performance.now() - t0) / 1000;
  await worker.close();
  await queue.obliterate({ force: true });
  await queue.close();
  return {
    config: 'floor-bullmq-chain',
    workflows,
    steps,
    concurrency,
    steps_per_s: Math.round((workflows * steps) / seconds),
    process_p50_ms: percentile(latencies, 0.5),
    process_p99_ms: percentile(latencies, 0.99),
  };
}

/**
 * Raw PostgreSQL: the step-like transaction of shared/bench/pg-step.sql (lock the process row, insert a
 * step row, update the process) from `clients` connections for `seconds`.
 */
export async function postgresStepFloor(databaseUrl: string, clients: number, seconds: number): Promise<FloorResult> {
  const setup = await createStepFloorTables(databaseUrl);
  const deadline = performance.now() + seconds * 1000;
  const latencies: number[] = [];
  let count = 0;
  const lane = async () => {
    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    while (performance.now() < deadline) {
      const pid = 1 + Math.floor(Math.random() * 10000);
      const t = performance.now();
      await client.query('BEGIN');
      await client.query('SELECT status FROM floor_p WHERE id = $1 FOR UPDATE', [pid]);
      await client.query(`INSERT INTO floor_ps (pid, name, status, state) VALUES ($1, 'step', 'success', $2)`, [
        pid,
        '{"a":1,"b":"hello","subscription_id":"0b7c8a4e-1111-2222-3333-444455556666"}',
      ]);
      await client.query('UPDATE floor_p SET last_step = last_step + 1, updated = now() WHERE id = $1', [pid]);
      await client.query('COMMIT');
      latencies.push(performance.now() - t);
      count += 1;
    }
    await client.end();
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: clients }, lane));
  const elapsed = (performance.now() - t0) / 1000;
  await dropStepFloorTables(setup);
  return {
    config: 'floor-pg-step-tx',
    clients,
    steps_per_s: Math.round(count / elapsed),
    tx_p50_ms: percentile(latencies, 0.5),
    tx_p99_ms: percentile(latencies, 0.99),
  };
}

/** The processes (floor_p, STEP_FLOOR_PROCESSES rows) and step rows (floor_ps) of the PostgreSQL floors. */
export async function createStepFloorTables(databaseUrl: string): Promise<Client> {
  const setup = new Client({ connectionString: databaseUrl });
  await setup.connect();
  await setup.query(`DROP TABLE IF EXISTS floor_ps, floor_p`);
  await setup.query(
    `CREATE TABLE floor_p (id int PRIMARY KEY, last_step int NOT NULL DEFAULT 0, status text NOT NULL DEFAULT 'running', updated timestamptz)`,
  );
  await setup.query(
    `CREATE TABLE floor_ps (id bigserial PRIMARY KEY, pid int NOT NULL, name text, status text, state jsonb, at timestamptz DEFAULT now())`,
  );
  await setup.query(`INSERT INTO floor_p (id) SELECT generate_series(1, ${STEP_FLOOR_PROCESSES})`);
  return setup;
}

export const STEP_FLOOR_PROCESSES = 10000;

export async function dropStepFloorTables(setup: Client): Promise<void> {
  await setup.query(`DROP TABLE IF EXISTS floor_ps, floor_p`);
  await setup.end();
}
