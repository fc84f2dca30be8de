import { Client } from 'pg';
import { createStepFloorTables, dropStepFloorTables, STEP_FLOOR_PROCESSES, type FloorResult } from './floors';
import { percentile } from './stats';

const STATE = '{"a":1,"b":"hello","subscription_id":"0b7c8a4e-1111-2222-3333-444455556666"}';

/**
 * What sharing a transaction would give: shared/bench/pg-step.sql's step (lock the process row, insert a
 * step row, update the process) for `perTransaction` processes at once, each under a savepoint of its own
 * (so that one step's failure would undo only its part), all of it sent in one socket write on a
 * pipelined connection as our workers send a step. `perTransaction` 1 is the same pipelined step without
 * sharing: the difference between the two is the ceiling of committing several processes' steps together
 * (ENGINE.md section 4 keeps one transaction per step; nothing in the orchestrator does this).
 */
export async function batchedStepFloor(
  databaseUrl: string,
  clients: number,
  seconds: number,
  perTransaction: number,
): Promise<FloorResult> {
  const setup = await createStepFloorTables(databaseUrl);
  const deadline = performance.now() + seconds * 1000;
  const latencies: number[] = [];
  let steps = 0;
  // Each lane locks processes of its own, in ascending order: no lane waits for another.
  const lane = async (laneIndex: number) => {
    const client = new Client({ connectionString: databaseUrl, pipeline: true } as never);
    await client.connect();
    const stream = (client as unknown as { connection: { stream: { cork(): void; uncork(): void } } }).connection
      .stream;
    while (performance.now() < deadline) {
      const pids = lanePids(laneIndex, clients, perTransaction);
      const t = performance.now();
      stream.cork();
      const sent: Promise<unknown>[] = [client.query('BEGIN')];
      for (const pid of pids) {
        if (perTransaction > 1) sent.push(client.query('SAVEPOINT step'));
        sent.push(
          client.query({
            name: 'fb_lock',
            text: 'SELECT status FROM floor_p WHERE id = $1 FOR UPDATE',
            values: [pid],
          }),
          client.query({
            name: 'fb_insert',
            text: `INSERT INTO floor_ps (pid, name, status, state) VALUES ($1, 'step', 'success', $2)`,
            values: [pid, STATE],
          }),
          client.query({
            name: 'fb_update',
            text: 'UPDATE floor_p SET last_step = last_step + 1, updated = now() WHERE id = $1',
            values: [pid],
          }),
        );
        if (perTransaction > 1) sent.push(client.query('RELEASE SAVEPOINT step'));
      }
      sent.push(client.query('COMMIT'));
      stream.uncork();
      await Promise.all(sent);
      latencies.push(performance.now() - t);
      steps += pids.length;
    }
    await client.end();
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: clients }, (_, i) => lane(i)));
  const elapsed = (performance.now() - t0) / 1000;
  await dropStepFloorTables(setup);
  return {
    config: 'floor-pg-step-batch',
    clients,
    steps_per_transaction: perTransaction,
    steps_per_s: Math.round(steps / elapsed),
    tx_p50_ms: percentile(latencies, 0.5),
    tx_p99_ms: percentile(latencies, 0.99),
  };
}

/** `count` distinct processes of the lane's share (id ≡ lane mod clients), ascending. */
function lanePids(lane: number, clients: number, count: number): number[] {
  const share = Math.floor(STEP_FLOOR_PROCESSES / clients);
  const picked = new Set<number>();
  while (picked.size < count) picked.add(Math.floor(Math.random() * share));
  return [...picked].sort((a, b) => a - b).map((slot) => 1 + lane + slot * clients);
}
