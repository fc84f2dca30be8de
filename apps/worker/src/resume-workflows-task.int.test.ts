import { defineWorkflow, retryStep } from '@orchestrator/engine';
import { createRedisConnection, StepQueue, stepJobId } from '@orchestrator/queue';
import { resumeWorkflows } from '@orchestrator/workflows';
import { startTestStack, waitFor, type TestStack } from '@orchestrator/test-stack';

const attempts = new Map<string, number>();

const flakyInventory = defineWorkflow({
  name: 'flaky_inventory',
  target: 'SYSTEM',
  description: 'an inventory call that fails once, then backs off for a minute',
  steps: [
    retryStep(
      'Call inventory',
      (_state, ctx) => {
        attempts.set(ctx.processId, ctx.attempt);
        if (ctx.attempt === 1) throw new Error('inventory unavailable');
        return { inventory: 'ok' };
      },
      { backoffMs: 60_000, maxBackoffMs: 60_000 },
    ),
  ],
});

describe('task_resume_workflows', () => {
  let stack: TestStack;
  beforeAll(async () => {
    // A sweeper that never comes round, so that only the task can run a due process whose job is gone.
    stack = await startTestStack({
      workflows: [flakyInventory, resumeWorkflows],
      config: { recoveryIntervalMs: 600_000 },
    });
    await stack.startWorker();
  });
  afterAll(() => stack.stop());

  const detail = async (id: string) => (await stack.request('GET', `/api/processes/${id}`)).body;
  const waitingProcess = async () => {
    const id = (await stack.request('POST', '/api/processes/flaky_inventory', {})).body.id as string;
    await waitFor(async () => (await detail(id)).status === 'waiting', { what: 'waiting' });
    return id;
  };
  const runTask = async () => {
    const task = await stack.request('POST', '/api/processes/task_resume_workflows', {});
    expect(task.status).toBe(201);
    await waitFor(async () => (await detail(task.body.id)).status === 'completed', { what: 'the task' });
    return (await detail(task.body.id)).currentState.resumedProcesses as string[];
  };

  it('runs a waiting process whose backoff has passed, even when Redis lost its job, and only that one', async () => {
    const due = await waitingProcess();
    const notYet = await waitingProcess();
    // Its backoff is over, and Redis lost the delayed job.
    await stack.sql(`UPDATE processes SET next_retry_at = now() - interval '1 second' WHERE process_id = $1`, [due]);
    const connection = createRedisConnection(stack.config.redisUrl, 'test-resume-task');
    const queue = new StepQueue({ connection, prefix: stack.config.queuePrefix });
    const [{ version } = { version: -1 }] = await stack.sql<{ version: number }>(
      'SELECT version FROM processes WHERE process_id = $1',
      [due],
    );
    expect(await queue.queue.getJob(stepJobId({ processId: due, version }))).toBeDefined();
    await queue.queue.remove(stepJobId({ processId: due, version }));
    await queue.close();
    connection.disconnect();

    expect(await runTask()).toEqual([due]);
    await waitFor(async () => (await detail(due)).status === 'completed', { what: 'the due process to complete' });
    expect(attempts.get(due)).toBe(2);
    expect(await detail(notYet)).toMatchObject({ status: 'waiting', failedAttempts: 1 });
  });
});
