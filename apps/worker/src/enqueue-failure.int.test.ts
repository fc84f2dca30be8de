import { defineWorkflow, step } from '@orchestrator/engine';
import { startTestStack, waitFor, type TestStack } from '@orchestrator/test-stack';

const quick = defineWorkflow({
  name: 'quick',
  target: 'SYSTEM',
  description: 'one quick step',
  steps: [step('Only', () => ({ ran: true }))],
});

describe('a start whose enqueue fails', () => {
  let stack: TestStack;

  beforeAll(async () => {
    // The API cannot reach Redis at all; the worker (and its recovery sweeper) can.
    stack = await startTestStack({ workflows: [quick], apiRedisUrl: 'redis://127.0.0.1:1' });
  });
  afterAll(() => stack.stop());

  it('still answers 201 with the committed process, reports Redis unready, and the sweeper runs it', async () => {
    const started = await stack.request('POST', '/api/processes/quick', {});
    expect(started.status).toBe(201);
    const ready = await stack.request('GET', '/health/ready');
    expect(ready.status).toBe(503);
    expect(ready.body.checks).toEqual({ database: true, redis: false, queues: null });

    await stack.startWorker();
    await waitFor(
      async () => (await stack.request('GET', `/api/processes/${started.body.id}`)).body.status === 'completed',
      { what: 'the sweeper to enqueue the process', timeoutMs: 20000 },
    );
  }, 30000);
});
