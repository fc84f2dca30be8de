import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { defineWorkflow, step } from '@orchestrator/engine';
import { startTestStack, waitFor, type TestStack } from '@orchestrator/test-stack';

const SCRIPT = path.resolve(__dirname, '../../cli/src/bench/redis-sentinel.sh');
const SENTINEL_URL = 'redis+sentinel://127.0.0.1:26391,127.0.0.1:26392,127.0.0.1:26393/mymaster';
const STEPS = ['Step 1', 'Step 2', 'Step 3', 'Step 4', 'Step 5'];
const PROCESSES = 30;

const sentinels = async (command: 'start' | 'synced' | 'failover' | 'kill-master' | 'stop') =>
  (await promisify(execFile)(SCRIPT, [command], { timeout: 45000 })).stdout.trim();

// Each step takes a while inside its transaction and records that it ran there: a batch spans the failover.
const fiveSteps = defineWorkflow({
  name: 'five_slow_steps',
  target: 'SYSTEM',
  description: 'five steps of 200 ms, each writing a row in its transaction',
  steps: STEPS.map((name) =>
    step(name, async (_state, ctx) => {
      await new Promise((resolve) => setTimeout(resolve, 200));
      await ctx.tx.query('INSERT INTO step_effects (process_id, step) VALUES ($1, $2)', [ctx.processId, name]);
    }),
  ),
});

describe('a Redis Sentinel failover during a run', () => {
  let stack: TestStack | undefined;

  beforeAll(async () => {
    await sentinels('start');
    stack = await startTestStack({ workflows: [fiveSteps], redisUrl: SENTINEL_URL });
    await stack.sql('CREATE TABLE step_effects (process_id uuid NOT NULL, step text NOT NULL)');
    await stack.startWorker();
    await stack.startWorker();
  }, 45000);
  afterAll(async () => {
    await stack?.stop();
    await sentinels('stop');
  }, 30000);

  const startBatch = async (s: TestStack) =>
    Promise.all(
      Array.from({ length: PROCESSES }, async () => {
        const res = await s.request('POST', '/api/processes/five_slow_steps', {});
        expect(res.status).toBe(201);
        return res.body.id as string;
      }),
    );
  const stepsDone = async (s: TestStack, ids: string[]) =>
    Number(
      (await s.sql<{ n: string }>('SELECT count(*) AS n FROM step_effects WHERE process_id = ANY($1)', [ids]))[0]?.n,
    );
  const allCompleted = async (s: TestStack, ids: string[]) =>
    Number(
      (
        await s.sql<{ n: string }>(
          `SELECT count(*) AS n FROM processes WHERE process_id = ANY($1) AND status = 'completed'`,
          [ids],
        )
      )[0]?.n,
    ) === ids.length;

  const expectEveryStepOnce = async (s: TestStack, ids: string[]) => {
    const logs = await s.sql<{ process_id: string; names: string[] }>(
      'SELECT process_id, array_agg(name ORDER BY seq) AS names FROM process_steps WHERE process_id = ANY($1) GROUP BY process_id',
      [ids],
    );
    expect(logs).toHaveLength(ids.length);
    for (const log of logs) expect(log.names).toEqual(['Start', ...STEPS, 'Done']);
    const effects = await s.sql<{ n: string; distinct_n: string }>(
      `SELECT count(*) AS n, count(DISTINCT (process_id, step)) AS distinct_n FROM step_effects WHERE process_id = ANY($1)`,
      [ids],
    );
    expect(effects).toEqual([{ n: String(ids.length * STEPS.length), distinct_n: String(ids.length * STEPS.length) }]);
  };

  // The batch is under way (some steps done, most not) when Redis fails over; PostgreSQL, not Redis, is the
  // truth: a job whose write the old master never replicated is found again by the recovery sweeper.
  const runThrough = async (failover: 'failover' | 'kill-master') => {
    const s = stack!;
    // After a failover the old master replicates the new one only once the Sentinels reconfigure it.
    await sentinels('synced');
    const ids = await startBatch(s);
    await waitFor(async () => (await stepsDone(s, ids)) >= 20, { what: 'the batch to be under way', timeoutMs: 20000 });
    expect(await stepsDone(s, ids)).toBeLessThan(ids.length * STEPS.length);
    // Steps are still to run once the new master serves: the run goes on across the failover.
    const switched = sentinels(failover).then(async (said) => ({ said, doneThen: await stepsDone(s, ids) }));
    await waitFor(() => allCompleted(s, ids), {
      what: `every process to complete across the ${failover}`,
      timeoutMs: 45000,
    });
    const { said, doneThen } = await switched;
    expect(said).toMatch(/ok: master \d+/);
    expect(doneThen).toBeLessThan(ids.length * STEPS.length);
    await expectEveryStepOnce(s, ids);
  };

  it('completes every process with each step exactly once when the Sentinels fail the master over', async () => {
    await runThrough('failover');
  }, 60000);

  it('completes every process with each step exactly once when the master is killed with SIGKILL', async () => {
    await runThrough('kill-master');
  }, 60000);
});
