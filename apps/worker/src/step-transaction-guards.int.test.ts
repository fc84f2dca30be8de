import { Client } from 'pg';
import { defineWorkflow, step } from '@orchestrator/engine';
import { startTestStack, waitFor, type TestStack } from '@orchestrator/test-stack';

let backendPid: number | undefined;
let sleepyRuns = 0;
/** The first run of the sleepy step waits here until the test has cut its connection. */
let connectionCut: () => void = () => undefined;
const cut = new Promise<void>((resolve) => (connectionCut = resolve));

const swallowsError = defineWorkflow({
  name: 'swallows_error',
  target: 'SYSTEM',
  description: 'a step that catches the error of its own failed statement and carries on',
  steps: [
    step('Careless write', async (_state, ctx) => {
      await ctx.tx.query('INSERT INTO side_effects (process_id, note) VALUES ($1, $2)', [ctx.processId, 'before']);
      await ctx.tx.query('SELECT 1 / 0').catch(() => undefined);
      return { carriedOn: true };
    }),
  ],
});

const commitsItself = defineWorkflow({
  name: 'commits_itself',
  target: 'SYSTEM',
  description: 'a step that commits the transaction it was given',
  steps: [
    step('Rogue commit', async (_state, ctx) => {
      await ctx.tx.query('COMMIT');
      return { committed: true };
    }),
  ],
});

const sleepy = defineWorkflow({
  name: 'sleepy',
  target: 'SYSTEM',
  description: 'a step whose database connection is cut before it commits, the first time',
  steps: [
    step('Sleep', async (_state, ctx) => {
      sleepyRuns += 1;
      if (sleepyRuns === 1) {
        const [row] = (await ctx.tx.query('SELECT pg_backend_pid() AS pid')) as { pid: number }[];
        backendPid = row?.pid;
        await cut;
      }
      return { slept: true };
    }),
  ],
});

describe('the step transaction stays the engine’s', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack({ workflows: [swallowsError, commitsItself, sleepy] });
    await stack.sql('CREATE TABLE side_effects (process_id uuid NOT NULL, note text NOT NULL)');
    await stack.startWorker();
  });
  afterAll(() => stack.stop());

  const start = async (workflow: string) =>
    (await stack.request('POST', `/api/processes/${workflow}`, {})).body.id as string;
  const detailWhen = (id: string, status: string) =>
    waitFor(async () => {
      const res = await stack.request('GET', `/api/processes/${id}`);
      return res.body.status === status && res.body;
    });

  it('fails a step that swallowed the error of its own statement, and rolls its writes back', async () => {
    const id = await start('swallows_error');
    const failed = await detailWhen(id, 'failed');
    expect(failed.failedReason).toMatch(/a statement of the step failed and the step carried on/);
    expect(await stack.sql('SELECT * FROM side_effects WHERE process_id = $1', [id])).toEqual([]);
  });

  it('fails a step that committed its transaction itself', async () => {
    const id = await start('commits_itself');
    const failed = await detailWhen(id, 'failed');
    expect(failed.failedReason).toMatch(/ended its transaction itself/);
  });

  it('delivers the job again, without failing the step, when the connection is cut before the commit', async () => {
    const id = await start('sleepy');
    await waitFor(() => backendPid !== undefined, { what: 'the step to report its backend' });
    const admin = new Client({ connectionString: stack.config.databaseUrl });
    await admin.connect();
    await admin.query('SELECT pg_terminate_backend($1)', [backendPid]);
    await admin.end();
    connectionCut();
    const done = await waitFor(
      async () => {
        const res = await stack.request('GET', `/api/processes/${id}`);
        return res.body.status === 'completed' && res.body;
      },
      { timeoutMs: 20000, what: 'the redelivered job to complete the process' },
    );
    expect(sleepyRuns).toBe(2);
    expect(done.steps.map((s: { status: string }) => s.status)).toEqual(['success', 'success', 'complete']);
  }, 30000);
});
