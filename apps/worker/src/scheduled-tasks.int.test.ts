import { defineWorkflow, step } from '@orchestrator/engine';
import { createRedisConnection, TaskSchedules } from '@orchestrator/queue';
import { startTestStack, waitFor, type TestStack } from '@orchestrator/test-stack';
import { cleanUpTasks } from '@orchestrator/workflows';

const tinyTask = defineWorkflow({
  name: 'tiny_task',
  target: 'SYSTEM',
  description: 'x',
  isTask: true,
  steps: [step('Tiny', () => undefined)],
});
const tinyWorkflow = defineWorkflow({
  name: 'tiny_workflow',
  target: 'SYSTEM',
  description: 'x',
  steps: [step('Tiny', () => undefined)],
});

const completed = (stack: TestStack, id: string) =>
  waitFor(async () => {
    const res = await stack.request('GET', `/api/processes/${id}`);
    return res.body.status === 'completed' && res.body;
  });
const run = async (stack: TestStack, workflow: string, body: unknown = {}) => {
  const id = (await stack.request('POST', `/api/processes/${workflow}`, body)).body.id as string;
  return completed(stack, id).then((detail) => ({ id, detail }));
};

describe('the clean-up task', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ workflows: [cleanUpTasks, tinyTask, tinyWorkflow] });
    await stack.startWorker();
  });
  afterAll(() => stack.stop());

  it('deletes old finished tasks and expired idempotency keys, and keeps workflow processes and recent tasks', async () => {
    const oldTask = (await run(stack, 'tiny_task')).id;
    const recentTask = (await run(stack, 'tiny_task')).id;
    const oldWorkflow = (await run(stack, 'tiny_workflow')).id;
    await stack.sql(
      `UPDATE processes SET last_modified_at = now() - interval '10 days' WHERE process_id = ANY($1::uuid[])`,
      [[oldTask, oldWorkflow]],
    );
    await stack.sql(
      `INSERT INTO idempotency_keys (key, process_id, created_at)
       VALUES ('old', $1, now() - interval '3 days'), ('fresh', $1, now())`,
      [recentTask],
    );

    const { detail } = await run(stack, 'task_clean_up_tasks', {});
    expect(detail.currentState).toEqual({ olderThanDays: 7, keyRetentionHours: 48, deletedTasks: 1, expiredKeys: 1 });
    expect((await stack.request('GET', `/api/processes/${oldTask}`)).status).toBe(404);
    expect((await stack.request('GET', `/api/processes/${recentTask}`)).status).toBe(200);
    expect((await stack.request('GET', `/api/processes/${oldWorkflow}`)).status).toBe(200);
    expect(await stack.sql('SELECT key FROM idempotency_keys ORDER BY key')).toEqual([{ key: 'fresh' }]);
  });
});

describe('scheduled tasks', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({
      workflows: [cleanUpTasks, tinyTask],
      config: { taskSchedules: { task_clean_up_tasks: '* * * * * *' } },
    });
  });
  afterAll(() => stack.stop());

  it('starts each scheduled run once, however many workers apply the schedule', async () => {
    await stack.startWorker();
    await stack.startWorker();
    await stack.startWorker();
    const scheduledRuns = async () =>
      (await stack.sql<{ n: number }>(`SELECT count(*)::int AS n FROM idempotency_keys WHERE key LIKE 'schedule:%'`))[0]
        ?.n ?? 0;
    await waitFor(async () => (await scheduledRuns()) >= 3, { what: 'three scheduled runs' });
    // One process per scheduled run: each is keyed on its run's job id, which ends in the run's time.
    const processes = await stack.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM processes WHERE workflow_name = 'task_clean_up_tasks'`,
    );
    const keys = await stack.sql<{ key: string }>(`SELECT key FROM idempotency_keys WHERE key LIKE 'schedule:%'`);
    const runTimes = keys.map((k) => Number(/(\d+)$/.exec(k.key)?.[1])).sort((a, b) => a - b);
    expect(runTimes.length).toBeGreaterThanOrEqual(2);
    expect(processes).toEqual([{ n: runTimes.length }]);
    expect(runTimes.slice(1).every((time, i) => time - (runTimes[i] ?? 0) >= 1000)).toBe(true);
    const creators = await stack.sql('SELECT DISTINCT created_by FROM processes');
    expect(creators).toEqual([{ created_by: 'SCHEDULER' }]);

    const connection = createRedisConnection(stack.config.redisUrl, 'test-schedules');
    const schedules = new TaskSchedules({ connection, prefix: stack.config.queuePrefix, logger: stack.booted.logger });
    expect((await schedules.queue.getJobSchedulers()).map((s) => s.key)).toEqual(['task_clean_up_tasks']);
    await schedules.close();
    connection.disconnect();
  }, 20000);
});
