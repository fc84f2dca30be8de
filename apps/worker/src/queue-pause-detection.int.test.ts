import { Queue } from 'bullmq';
import { defineWorkflow, step } from '@orchestrator/engine';
import { createRedisConnection, STEP_QUEUE_NAME } from '@orchestrator/queue';
import { startTestStack, TEST_REDIS_URL, waitFor, type TestStack } from '@orchestrator/test-stack';

const quick = defineWorkflow({
  name: 'quick',
  target: 'SYSTEM',
  description: 'one quick step',
  steps: [step('Only', () => ({ ran: true }))],
});

describe('a step queue paused outside the engine (Bull Board, redis-cli)', () => {
  let stack: TestStack;
  let queue: Queue;
  const connection = createRedisConnection(TEST_REDIS_URL, 'test-pause');
  beforeAll(async () => {
    stack = await startTestStack({ workflows: [quick] });
    queue = new Queue(STEP_QUEUE_NAME, { connection, prefix: stack.config.queuePrefix });
  });
  afterAll(async () => {
    await stack.stop();
    await queue.close();
    connection.disconnect();
  });

  it('shows in the engine status and readiness, and a worker logs it and resumes the queue', async () => {
    await queue.pause();
    const started = await stack.request('POST', '/api/processes/quick', {});
    expect(started.status).toBe(201);

    const status = await stack.request('GET', '/api/settings/status');
    expect(status.body).toEqual({
      globalLock: false,
      globalStatus: 'RUNNING',
      runningProcesses: 0,
      pausedQueues: ['steps'],
    });
    const ready = await stack.request('GET', '/health/ready');
    // The API can still serve: readiness stays 200 but says what is wrong.
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({ status: 'degraded', checks: { database: true, redis: true, queues: false } });
    expect(ready.body.message).toMatch(/queue steps is paused in Redis outside the engine/);

    const warn = jest.spyOn(stack.booted.logger, 'warn');
    await stack.startWorker();
    await waitFor(
      async () => (await stack.request('GET', `/api/processes/${started.body.id}`)).body.status === 'completed',
      { what: 'the process to run once the worker resumed the queue' },
    );
    expect(warn).toHaveBeenCalledWith(
      { queue: 'steps' },
      expect.stringContaining('paused in Redis outside the engine'),
    );
    expect(await queue.isPaused()).toBe(false);
    expect((await stack.request('GET', '/api/settings/status')).body.pausedQueues).toEqual([]);
    expect((await stack.request('GET', '/health/ready')).body.status).toBe('ready');
  });
});
