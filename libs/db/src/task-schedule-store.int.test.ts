import { createTestDatabase, type TestDatabase } from '@orchestrator/testing';
import type { DataSource } from 'typeorm';
import { createDataSource } from './data-source';
import { TaskScheduleStore } from './task-schedule-store';

describe('the task schedule store', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let store: TaskScheduleStore;
  beforeAll(async () => {
    db = await createTestDatabase();
    dataSource = createDataSource({ databaseUrl: db.url, poolSize: 4 });
    await dataSource.initialize();
    store = new TaskScheduleStore(dataSource);
  });
  afterAll(async () => {
    await dataSource.destroy();
    await db.drop();
  });
  const cronOf = async (name: string) => (await store.get(name))?.cron;

  it('follows the configuration until a schedule is changed through the API, which then keeps the change', async () => {
    const tasks = ['task_a', 'task_b', 'task_c'];
    await store.applyConfiguration(
      [
        { taskName: 'task_a', cron: '* * * * *', enabled: true },
        { taskName: 'task_b', cron: '0 3 * * *', enabled: true },
        { taskName: 'task_c', cron: '0 4 * * *', enabled: true },
      ],
      tasks,
    );
    await store.change('task_b', { cron: '0 5 * * *' }, 'ops', null);
    // A later start with another configuration: task_a follows it, task_b keeps the API's cron, and task_c,
    // which the configuration no longer schedules, is disabled.
    await store.applyConfiguration(
      [
        { taskName: 'task_a', cron: '*/2 * * * *', enabled: true },
        { taskName: 'task_b', cron: '0 6 * * *', enabled: true },
      ],
      tasks,
    );
    expect(await cronOf('task_a')).toBe('*/2 * * * *');
    expect(await store.get('task_b')).toMatchObject({ cron: '0 5 * * *', changedBy: 'ops', enabled: true });
    expect(await store.get('task_c')).toMatchObject({ cron: '0 4 * * *', enabled: false, changedBy: null });
  });

  it('counts a gap of missed fire times once when several workers account it at the same time', async () => {
    await store.markApplied('task_a', '*/2 * * * *', new Date(Date.now() - 3600_000));
    const count = () => 7;
    const through = new Date();
    const results = await Promise.all([1, 2, 3, 4].map(() => store.accountFires('task_a', through, count)));
    expect(results.map((r) => r.missed).sort()).toEqual([0, 0, 0, 7]);
    expect(await store.get('task_a')).toMatchObject({ missedRuns: 7, accountedThrough: through });
  });

  it('accounts nothing before a worker applied the current cron', async () => {
    await store.change('task_a', { cron: '* * * * * *' }, 'ops', null);
    expect((await store.get('task_a'))?.accountedThrough).toBeNull();
    expect(await store.accountFires('task_a', new Date(), () => 99)).toEqual({ missed: 0, since: null });
  });
});
