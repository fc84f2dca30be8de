import { defineWorkflow, step } from '@orchestrator/engine';
import { sleep, startTestStack, waitFor, type TestStack } from '@orchestrator/test-stack';

const executions = new Map<string, number>();
let gateOpen = false;
let waitingAtGate = 0;

const count = (processId: string, name: string) => {
  const key = `${processId}/${name}`;
  executions.set(key, (executions.get(key) ?? 0) + 1);
};

const gated = defineWorkflow({
  name: 'gated_steps',
  target: 'SYSTEM',
  description: 'a step held at a gate the test opens, then quick steps',
  steps: [
    step('Gate', async (_state, ctx) => {
      count(ctx.processId, 'Gate');
      waitingAtGate += 1;
      while (!gateOpen) await sleep(20);
      return { gate: true };
    }),
    ...['Two', 'Three', 'Four'].map((name) =>
      step(name, (_state, ctx) => {
        count(ctx.processId, name);
        return { [name.toLowerCase()]: true };
      }),
    ),
  ],
});

describe('engine pause', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack({ workflows: [gated] });
    await stack.startWorker();
    await stack.startWorker();
  });
  afterEach(() => stack.request('PUT', '/api/settings/status', { globalLock: false }));
  afterAll(() => stack.stop());

  const rowCount = async () =>
    (await stack.sql<{ n: number }>('SELECT count(*)::int AS n FROM process_steps'))[0]?.n ?? 0;
  const settings = async () => (await stack.request('GET', '/api/settings/status')).body;

  it('finishes the steps in hand, runs nothing while paused, refuses starts and resumes, then continues every process once', async () => {
    expect(await settings()).toEqual({
      globalLock: false,
      globalStatus: 'RUNNING',
      runningProcesses: 0,
      pausedQueues: [],
    });
    const ids = await Promise.all(
      [1, 2, 3].map(async () => (await stack.request('POST', '/api/processes/gated_steps', {})).body.id as string),
    );
    await waitFor(() => waitingAtGate === 3, { what: 'every process to reach the gate' });

    const paused = await stack.request('PUT', '/api/settings/status', { globalLock: true });
    expect(paused.status).toBe(200);
    expect(paused.body).toEqual({ globalLock: true, globalStatus: 'PAUSING', runningProcesses: 3, pausedQueues: [] });

    gateOpen = true;
    await waitFor(async () => (await settings()).globalStatus === 'PAUSED', { what: 'PAUSED' });
    expect(await settings()).toEqual({
      globalLock: true,
      globalStatus: 'PAUSED',
      runningProcesses: 0,
      pausedQueues: [],
    });
    const held = await rowCount();
    expect(held).toBe(6); // Start and Gate of each process: the steps in hand finished, nothing after them
    // The next steps were requested; the workers take and drop them while paused, and no sweep requests them.
    await stack.stepQueueDrained('the paused steps to be dropped');
    for (const worker of stack.workers) expect(await worker.sweeper.sweepOnce()).toBe(0);
    expect(await rowCount()).toBe(held);
    expect(await stack.sql('SELECT DISTINCT status FROM processes')).toEqual([{ status: 'running' }]);

    const start = await stack.request('POST', '/api/processes/gated_steps', {});
    expect(start.status).toBe(503);
    expect(start.body.error.code).toBe('ENGINE_PAUSED');
    expect((await stack.request('PUT', `/api/processes/${ids[0]}/resume`)).status).toBe(503);
    expect(await stack.sql('SELECT count(*)::int AS n FROM processes')).toEqual([{ n: 3 }]);

    const unpaused = await stack.request('PUT', '/api/settings/status', { globalLock: false });
    expect(unpaused.body).toMatchObject({ globalLock: false, globalStatus: 'RUNNING' });
    for (const id of ids) {
      await waitFor(async () => (await stack.request('GET', `/api/processes/${id}`)).body.status === 'completed', {
        what: `${id} to complete`,
        timeoutMs: 20000,
      });
    }
    expect(executions.size).toBe(12);
    expect([...executions.values()].every((n) => n === 1)).toBe(true);
    const names = await stack.sql<{ name: string; n: number }>(
      'SELECT name, count(*)::int AS n FROM process_steps GROUP BY name ORDER BY name',
    );
    expect(names.every((row) => row.n === 3)).toBe(true);
  }, 40000);

  it('answers a malformed settings body with VALIDATION_FAILED and changes nothing', async () => {
    const res = await stack.request('PUT', '/api/settings/status', { globalLock: 'yes' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect((await settings()).globalLock).toBe(false);
  });
});

const quick = defineWorkflow({
  name: 'quick_steps',
  target: 'SYSTEM',
  description: 'two quick steps',
  steps: [step('One', () => ({ one: true })), step('Two', () => ({ two: true }))],
});

describe('engine pause across worker restarts', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ workflows: [quick] });
  });
  afterAll(() => stack.stop());

  it('keeps holding a process through worker restarts and sweeper rounds until unpaused', async () => {
    const id = (await stack.request('POST', '/api/processes/quick_steps', {})).body.id as string;
    expect((await stack.request('PUT', '/api/settings/status', { globalLock: true })).body.globalStatus).toBe('PAUSED');
    const rows = async () =>
      (await stack.sql<{ n: number }>('SELECT count(*)::int AS n FROM process_steps WHERE process_id = $1', [id]))[0]
        ?.n;

    const first = await stack.startWorker();
    await stack.stepQueueDrained('the first worker to drop the paused step');
    expect(await first.sweeper.sweepOnce()).toBe(0);
    await first.stop();
    stack.workers.splice(stack.workers.indexOf(first), 1);
    const second = await stack.startWorker();
    expect(await second.sweeper.sweepOnce()).toBe(0);
    await stack.stepQueueDrained();
    expect(await rows()).toBe(0);
    expect((await stack.request('GET', `/api/processes/${id}`)).body.status).toBe('created');
    expect((await stack.request('GET', '/api/settings/status')).body).toMatchObject({ globalStatus: 'PAUSED' });

    await stack.request('PUT', '/api/settings/status', { globalLock: false });
    await waitFor(async () => (await stack.request('GET', `/api/processes/${id}`)).body.status === 'completed', {
      what: 'completion after unpausing',
    });
    expect(await rows()).toBe(4);
  }, 20000);
});
