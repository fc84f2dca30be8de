import { defineWorkflow, step } from '@orchestrator/engine';
import { createRedisConnection, TaskSchedules, type TaskScheduleMetrics } from '@orchestrator/queue';
import { deleteRedisKeys, startTestStack, TEST_REDIS_URL, waitFor, type TestStack } from '@orchestrator/test-stack';

const tinyTask = defineWorkflow({
  name: 'tiny_task',
  target: 'SYSTEM',
  description: 'x',
  isTask: true,
  steps: [step('Tiny', () => undefined)],
});

/** The missed runs the workers reported through the metrics hook, by task. */
function missedRecorder(): TaskScheduleMetrics & { total: number } {
  const recorder = {
    total: 0,
    runsMissed: (_task: string, count: number) => {
      recorder.total += count;
    },
  };
  return recorder;
}

const scheduledProcesses = async (stack: TestStack, since = 'epoch') =>
  (
    await stack.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM processes WHERE workflow_name = 'tiny_task' AND created_by = 'SCHEDULER'
          AND started_at > $1::timestamptz`,
      [since === 'epoch' ? new Date(0).toISOString() : since],
    )
  )[0]?.n ?? 0;

async function schedulersInRedis(stack: TestStack): Promise<Map<string, string | undefined>> {
  const connection = createRedisConnection(TEST_REDIS_URL, 'test-schedules');
  const schedules = new TaskSchedules({ connection, prefix: stack.config.queuePrefix, logger: stack.booted.logger });
  try {
    return await schedules.current();
  } finally {
    await schedules.close();
    connection.disconnect();
  }
}

describe('task schedules kept in PostgreSQL (ENGINE.md 15.2)', () => {
  let stack: TestStack;
  const metrics = missedRecorder();
  beforeAll(async () => {
    stack = await startTestStack({
      workflows: [tinyTask],
      config: { taskSchedules: { tiny_task: '* * * * * *' } },
      cuttable: { redis: true },
    });
    await stack.startWorker({ scheduleMetrics: metrics });
    await stack.startWorker({ scheduleMetrics: metrics });
  });
  afterAll(() => stack.stop());

  it('are re-created by the running workers after Redis lost its data, and the runs missed meanwhile are counted once', async () => {
    await waitFor(async () => (await scheduledProcesses(stack)) >= 1, { what: 'a first scheduled run' });
    // Redis goes away and comes back empty; while it is away, ten seconds of runs are due and none can start.
    stack.links.redis?.cut();
    await deleteRedisKeys(stack.config.queuePrefix);
    await stack.sql(`UPDATE task_schedules SET accounted_through = now() - interval '10 seconds'`);
    const cutAt = (await stack.sql<{ now: string }>(`SELECT now()::text AS now`))[0]?.now ?? '';
    stack.links.redis?.restore();

    await waitFor(async () => (await scheduledProcesses(stack, cutAt)) >= 1, {
      what: 'a scheduled run after Redis came back, without a restart',
      timeoutMs: 20000,
    });
    expect([...(await schedulersInRedis(stack)).entries()]).toEqual([['tiny_task', '* * * * * *']]);
    const [row] = await stack.sql<{ missed_runs: number }>(`SELECT missed_runs FROM task_schedules`);
    // At least the ten seconds of runs due while Redis was away; counted by one worker, not by each.
    expect(row?.missed_runs).toBeGreaterThanOrEqual(9);
    expect(row?.missed_runs).toBeLessThan(18);
    expect(metrics.total).toBe(row?.missed_runs);
    // Still one process per run, whichever worker took it.
    const [runs] = await stack.sql<{ runs: number; keys: number }>(
      `SELECT count(*)::int AS runs, count(DISTINCT k.key)::int AS keys FROM processes p
         JOIN idempotency_keys k ON k.process_id = p.process_id WHERE p.workflow_name = 'tiny_task'`,
    );
    expect(runs?.runs).toBe(runs?.keys);
  }, 40000);
});
