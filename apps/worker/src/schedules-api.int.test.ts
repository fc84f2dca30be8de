import { defineWorkflow, step } from '@orchestrator/engine';
import { createRedisConnection, TaskSchedules, TASK_SCHEDULE_QUEUE_NAME } from '@orchestrator/queue';
import { startTestStack, TEST_REDIS_URL, waitFor, type TestStack } from '@orchestrator/test-stack';
import { Queue } from 'bullmq';

const tinyTask = defineWorkflow({
  name: 'tiny_task',
  target: 'SYSTEM',
  description: 'x',
  isTask: true,
  steps: [step('Tiny', () => undefined)],
});
const otherTask = defineWorkflow({
  name: 'other_task',
  target: 'SYSTEM',
  description: 'x',
  isTask: true,
  steps: [step('Other', () => undefined)],
});

describe('GET and PUT /api/schedules (ENGINE.md 11.6)', () => {
  let stack: TestStack;
  let schedules: TaskSchedules;
  let queue: Queue;
  const connection = createRedisConnection(TEST_REDIS_URL, 'test-schedules');
  const reconcileAll = () =>
    Promise.all(stack.workers.map((worker) => worker.scheduledTasks.reconciler.reconcileOnce()));
  const lastRun = async () =>
    (await stack.sql<{ id: string }>(`SELECT process_id AS id FROM processes ORDER BY started_at DESC LIMIT 1`))[0]?.id;

  beforeAll(async () => {
    stack = await startTestStack({
      workflows: [tinyTask, otherTask],
      config: { taskSchedules: { tiny_task: '* * * * * *', other_task: '0 3 * * *' } },
    });
    await stack.startWorker();
    await stack.startWorker();
    schedules = new TaskSchedules({ connection, prefix: stack.config.queuePrefix, logger: stack.booted.logger });
    queue = new Queue(TASK_SCHEDULE_QUEUE_NAME, { connection, prefix: stack.config.queuePrefix });
  });
  afterAll(async () => {
    await stack.stop();
    await queue.close();
    await schedules.close();
    connection.disconnect();
  });

  it('lists each scheduled task with its cron, next run, last run and its process, and whether it is enabled', async () => {
    await waitFor(async () => (await stack.sql(`SELECT 1 FROM processes`)).length > 0, { what: 'a scheduled run' });
    const res = await stack.request('GET', '/api/schedules');
    expect(res.status).toBe(200);
    const byName = new Map((res.body as { name: string }[]).map((s) => [s.name, s]));
    expect(byName.get('other_task')).toEqual({
      name: 'other_task',
      cron: '0 3 * * *',
      enabled: true,
      nextRunAt: expect.stringMatching(/T\d\d:00:00\.000Z$/),
      lastRunAt: null,
      lastProcessId: null,
      missedRuns: 0,
      changedBy: null,
      updatedAt: expect.any(String),
    });
    const tiny = byName.get('tiny_task') as Record<string, unknown>;
    expect(tiny.lastProcessId).toEqual(expect.any(String));
    expect(Date.parse(tiny.nextRunAt as string)).toBeGreaterThan(Date.parse(tiny.lastRunAt as string));
  });

  it('refuses an invalid cron, an unknown field and an empty change with 400 and writes nothing', async () => {
    const before = await stack.sql(`SELECT * FROM task_schedules ORDER BY task_name`);
    for (const body of [
      { cron: '61 * * * *' },
      { cron: 'every day' },
      { enabled: 'no' },
      {},
      { cron: '* * * * *', x: 1 },
    ]) {
      const res = await stack.request('PUT', '/api/schedules/tiny_task', body);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    }
    const unknown = await stack.request('PUT', '/api/schedules/no_such_task', { enabled: false });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('SCHEDULE_NOT_FOUND');
    expect(await stack.sql(`SELECT * FROM task_schedules ORDER BY task_name`)).toEqual(before);
  });

  it('disables a schedule on every worker without a restart: its scheduler leaves Redis and no run starts', async () => {
    const res = await stack.request(
      'PUT',
      '/api/schedules/tiny_task',
      { enabled: false },
      await stack.as('ops', 'admin'),
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: 'tiny_task', enabled: false, nextRunAt: null, changedBy: 'ops' });
    await waitFor(async () => !(await schedules.current()).has('tiny_task'), { what: 'the scheduler to go' });
    // A run produced before the change reached Redis is dropped by whichever worker takes it.
    await waitFor(
      async () => {
        const jobs = await queue.getJobs(['wait', 'active', 'delayed', 'prioritized']);
        return jobs.every((job) => (job.data as { workflowName: string }).workflowName !== 'tiny_task');
      },
      { what: 'no run of tiny_task left in the queue' },
    );
    const last = await lastRun();
    await reconcileAll();
    expect(await lastRun()).toBe(last);
  });

  it('applies a new cron on every worker without a restart', async () => {
    const res = await stack.request('PUT', '/api/schedules/tiny_task', { cron: '*/2 * * * * *', enabled: true });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ cron: '*/2 * * * * *', enabled: true });
    await waitFor(async () => (await schedules.current()).get('tiny_task') === '*/2 * * * * *', {
      what: 'the new cron in Redis',
    });
    const changedAt = new Date().toISOString();
    await waitFor(
      async () =>
        (await stack.sql(`SELECT 1 FROM processes WHERE started_at > $1::timestamptz`, [changedAt])).length > 0,
      { what: 'a run on the new cron' },
    );
    const keys = await stack.sql<{ key: string }>(
      `SELECT key FROM idempotency_keys WHERE created_at > $1::timestamptz`,
      [changedAt],
    );
    // The new runs fall on even seconds.
    expect(keys.every((k) => (Number(/(\d+)$/.exec(k.key)?.[1]) / 1000) % 2 === 0)).toBe(true);
  });
});
