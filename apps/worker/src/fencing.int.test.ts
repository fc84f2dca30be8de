import { PostgresStepStore } from '@orchestrator/db';
import { defineWorkflow, executeStep, silentLogger, step, type StepRequest } from '@orchestrator/engine';
import { StepQueue, createRedisConnection } from '@orchestrator/queue';
import { startTestStack, waitFor, type TestStack } from '@orchestrator/test-stack';

let slowCalls = 0;
let slowFinished = 0;
let releaseSlow: (() => void) | undefined;

const gated = defineWorkflow({
  name: 'gated',
  target: 'SYSTEM',
  description: 'a step that waits for the test to release it, with a database side effect',
  steps: [
    step('Gate', async (_state, ctx) => {
      // The gate is set before the step is seen running, so that a release right after never misses it.
      const gate = new Promise<void>((resolve) => (releaseSlow = resolve));
      slowCalls += 1;
      await ctx.tx.query('INSERT INTO side_effects (process_id, note) VALUES ($1, $2)', [ctx.processId, 'gate']);
      await gate;
      slowFinished += 1;
      return { gated: true };
    }),
    step('After gate', () => ({ after: true })),
  ],
});

describe('fencing: at most one executor per step', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack({ workflows: [gated] });
    await stack.sql('CREATE TABLE side_effects (process_id uuid NOT NULL, note text NOT NULL)');
  });
  afterAll(async () => {
    releaseSlow?.();
    await stack.stop();
  });
  beforeEach(() => {
    slowCalls = 0;
    slowFinished = 0;
  });

  const deps = () => {
    const scheduled: { request: StepRequest; delayMs: number }[] = [];
    return {
      scheduled,
      deps: {
        store: new PostgresStepStore(stack.booted.dataSource),
        scheduler: {
          schedule: async (request: StepRequest, delayMs: number) => void scheduled.push({ request, delayMs }),
        },
        registry: stack.booted.registry,
        logger: silentLogger,
      },
    };
  };
  const created = async () => {
    const res = await stack.request('POST', '/api/processes/gated', {});
    return res.body.id as string;
  };
  const stepRows = (id: string) =>
    stack.sql<{ name: string; status: string }>(
      'SELECT name, status FROM process_steps WHERE process_id = $1 ORDER BY seq',
      [id],
    );

  it('executes a job delivered twice at the same time once: the second delivery is told the process is busy', async () => {
    const id = await created();
    const { deps: executor, scheduled } = deps();
    await executeStep({ processId: id, version: 0 }, executor);
    const job = { processId: id, version: 1 };
    const first = executeStep(job, executor);
    await waitFor(() => slowCalls === 1, { what: 'the gate step to run' });
    const second = await executeStep(job, executor);
    expect(second).toEqual({ kind: 'busy' });
    releaseSlow?.();
    expect(await first).toMatchObject({ kind: 'committed', status: 'running' });
    expect(await executeStep(job, executor)).toEqual({ kind: 'stale' });
    expect(slowCalls).toBe(1);
    expect(scheduled.map((s) => s.request.version)).toEqual([1, 2]);
    expect((await stepRows(id)).map((r) => r.name)).toEqual(['Start', 'Gate']);
    expect(await stack.sql('SELECT count(*)::int AS n FROM side_effects WHERE process_id = $1', [id])).toEqual([
      { n: 1 },
    ]);
  });

  it('drops duplicate BullMQ deliveries of an already executed step without side effects', async () => {
    const id = await created();
    const worker = await stack.startWorker();
    await waitFor(() => slowCalls === 1, { what: 'the gate step to run' });
    releaseSlow?.();
    await waitFor(async () => (await stepRows(id)).some((r) => r.name === 'Done'), { what: 'completion' });
    // Re-deliver every version of this process under fresh job ids, as an at-least-once queue may.
    const connection = createRedisConnection(stack.config.redisUrl, 'test-duplicates');
    const queue = new StepQueue({ connection, prefix: stack.config.queuePrefix });
    for (const version of [0, 1, 2])
      await queue.queue.add('step', { processId: id, version }, { jobId: `dup-${id}-${version}` });
    await stack.stepQueueDrained('the duplicate deliveries to be dropped');
    await queue.close();
    await connection.quit();
    await worker.stop();
    stack.workers.splice(stack.workers.indexOf(worker), 1);
    expect(slowCalls).toBe(1);
    expect((await stepRows(id)).map((r) => r.name)).toEqual(['Start', 'Gate', 'After gate', 'Done']);
  });

  it('lets abort answer at once while a step runs, fences the step out and logs nothing after the abort row', async () => {
    const id = await created();
    const { deps: executor, scheduled } = deps();
    await executeStep({ processId: id, version: 0 }, executor);
    const running = executeStep({ processId: id, version: 1 }, executor);
    await waitFor(() => slowCalls === 1, { what: 'the gate step to run' });

    const abort = await stack.request('PUT', `/api/processes/${id}/abort`, undefined, await stack.as('operator-anna'));
    expect(abort.status).toBe(204);
    expect(slowFinished).toBe(0); // the abort did not wait for the running step

    releaseSlow?.();
    expect(await running).toEqual({ kind: 'fenced' });
    expect(scheduled.map((s) => s.request.version)).toEqual([1]);
    const rows = await stack.sql<{ name: string; status: string; created_by: string; state: unknown }>(
      'SELECT name, status, created_by, state FROM process_steps WHERE process_id = $1 ORDER BY seq',
      [id],
    );
    expect(rows.map((r) => r.name)).toEqual(['Start', 'User Aborted']);
    expect(rows[1]).toMatchObject({ status: 'abort', created_by: 'operator-anna', state: {} });
    expect(await stack.sql('SELECT count(*)::int AS n FROM side_effects WHERE process_id = $1', [id])).toEqual([
      { n: 0 },
    ]);
    const [process] = await stack.sql('SELECT status FROM processes WHERE process_id = $1', [id]);
    expect(process).toEqual({ status: 'aborted' });
    expect(await executeStep({ processId: id, version: 1 }, executor)).toEqual({ kind: 'stale' });
  });
});
