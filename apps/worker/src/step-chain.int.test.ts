import { defineWorkflow, step, type StepRequest, type StepScheduler } from '@orchestrator/engine';
import { StepQueue, closeRedis, createRedisConnection, stepJobId } from '@orchestrator/queue';
import { startTestStack, waitFor, type TestStack } from '@orchestrator/test-stack';

const tenSteps = defineWorkflow({
  name: 'ten_steps',
  target: 'SYSTEM',
  description: 'ten trivial steps',
  steps: Array.from({ length: 10 }, (_, index) =>
    step(`Step ${index + 1}`, (state) => ({ n: Number(state.n ?? 0) + 1 })),
  ),
});

let held: { entered: boolean; release?: () => void } = { entered: false };
const heldStep = defineWorkflow({
  name: 'held_step',
  target: 'SYSTEM',
  description: 'a chained step that runs until the test releases it',
  steps: [
    step('Before', () => ({ before: true })),
    step('Held', async () => {
      const gate = new Promise<void>((resolve) => (held.release = resolve));
      held.entered = true;
      await gate;
      return { held: true };
    }),
  ],
});

/** Steps of one process a worker runs in a row (apps/worker step-chain.ts), each its own transaction. */
describe('step chains', () => {
  let stack: TestStack;
  let queue: StepQueue;
  let redis: ReturnType<typeof createRedisConnection>;

  beforeAll(async () => {
    stack = await startTestStack({ workflows: [tenSteps, heldStep] });
    redis = createRedisConnection(stack.config.redisUrl, 'step-chain-test');
    queue = new StepQueue({ connection: redis, prefix: stack.config.queuePrefix });
  });
  afterAll(async () => {
    held.release?.();
    await queue.close();
    await closeRedis(redis);
    await stack.stop();
  });
  afterEach(async () => {
    await Promise.all(stack.workers.map((worker) => worker.stop()));
    stack.workers.length = 0;
  });

  /** The step requests that went to the queue after a commit, by process. */
  const recordingEnqueues = () => {
    const enqueued: StepRequest[] = [];
    const wrapScheduler = (scheduler: StepScheduler): StepScheduler => ({
      schedule: async (request, delayMs) => {
        enqueued.push(request);
        await scheduler.schedule(request, delayMs);
      },
    });
    return { enqueued, wrapScheduler };
  };
  const completed = async (workflow: string) => {
    const id = (await stack.request('POST', `/api/processes/${workflow}`, {})).body.id as string;
    await waitFor(
      async () =>
        (await stack.sql<{ status: string }>('SELECT status FROM processes WHERE process_id = $1', [id]))[0]?.status ===
        'completed',
      { what: `${workflow} to complete`, timeoutMs: 20000 },
    );
    return id;
  };
  const stepRows = (id: string) =>
    stack.sql<{ name: string; status: string; tx: string }>(
      'SELECT name, status, xmin::text AS tx FROM process_steps WHERE process_id = $1 ORDER BY seq',
      [id],
    );

  it('runs a whole process under its first job, each step committed in a transaction of its own', async () => {
    const { enqueued, wrapScheduler } = recordingEnqueues();
    await stack.startWorker({ wrapScheduler });
    const id = await completed('ten_steps');
    const rows = await stepRows(id);
    expect(rows.map((row) => row.name)).toEqual([
      'Start',
      ...Array.from({ length: 10 }, (_, i) => `Step ${i + 1}`),
      'Done',
    ]);
    expect(rows.every((row) => row.status === 'success' || row.status === 'complete')).toBe(true);
    // Eleven step transactions: the Done row is written with the last step's.
    expect(new Set(rows.map((row) => row.tx)).size).toBe(11);
    expect(enqueued.filter((request) => request.processId === id)).toEqual([]);
    const [state] = await stack.sql<{ n: number }>(
      `SELECT (state->>'n')::int AS n FROM processes WHERE process_id = $1`,
      [id],
    );
    expect(state?.n).toBe(10);
  });

  it('sends the next step through the queue after chainSteps steps', async () => {
    const { enqueued, wrapScheduler } = recordingEnqueues();
    await stack.startWorker({ wrapScheduler, chainSteps: 3 });
    const id = await completed('ten_steps');
    expect(enqueued.filter((request) => request.processId === id).map((request) => request.version)).toEqual([3, 6, 9]);
    expect(await stepRows(id)).toHaveLength(12);
  });

  it('with chainSteps 1, enqueues every next step (one job per step)', async () => {
    const { enqueued, wrapScheduler } = recordingEnqueues();
    await stack.startWorker({ wrapScheduler, chainSteps: 1 });
    const id = await completed('ten_steps');
    expect(enqueued.filter((request) => request.processId === id).map((request) => request.version)).toEqual(
      Array.from({ length: 10 }, (_, i) => i + 1),
    );
  });

  it('is not re-enqueued by the recovery sweeper while a chained step runs longer than the recovery interval', async () => {
    held = { entered: false };
    const worker = await stack.startWorker();
    const id = (await stack.request('POST', '/api/processes/held_step', {})).body.id as string;
    await waitFor(() => held.entered, { what: 'the held step to start' });
    // The process now looks stale to the sweeper (untouched for longer than its interval) and has no job of its
    // own version: the Held step was chained under the job of Start.
    await waitFor(
      async () =>
        (
          await stack.sql<{ stale: boolean }>(
            `SELECT last_modified_at < now() - $2 * interval '1 millisecond' AS stale FROM processes WHERE process_id = $1`,
            [id, stack.config.recoveryIntervalMs + 200],
          )
        )[0]?.stale === true,
      { what: 'the process to look stale', timeoutMs: 10000 },
    );
    const [{ version } = { version: -1 }] = await stack.sql<{ version: number }>(
      'SELECT version FROM processes WHERE process_id = $1',
      [id],
    );
    expect(await worker.sweeper.sweepOnce()).toBe(0);
    expect(await queue.queue.getJob(stepJobId({ processId: id, version }))).toBeUndefined();
    held.release?.();
    await waitFor(
      async () =>
        (await stack.sql<{ status: string }>('SELECT status FROM processes WHERE process_id = $1', [id]))[0]?.status ===
        'completed',
      { what: 'held_step to complete' },
    );
    expect((await stepRows(id)).map((row) => row.name)).toEqual(['Start', 'Before', 'Held', 'Done']);
  });
});
