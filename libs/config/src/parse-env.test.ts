import { ConfigError, parseEnv } from './parse-env';

describe('parseEnv', () => {
  it('applies the documented defaults when nothing is set', () => {
    expect(parseEnv({})).toEqual({
      databaseUrl: 'postgres://root@127.0.0.1:5432/orchestrator',
      redisUrl: 'redis://127.0.0.1:6379',
      port: 8080,
      publicUrl: 'http://localhost:8080',
      workerConcurrency: 8,
      dbPoolSize: 10,
      workflowModules: [],
      logLevel: 'info',
      recoveryIntervalMs: 10000,
      shutdownTimeoutMs: 30000,
      queuePrefix: '{orchestrator}',
      taskSchedules: {},
    });
  });

  it('splits WORKFLOW_MODULES on commas and keeps REDIS_URL as given, database index included', () => {
    const config = parseEnv({ WORKFLOW_MODULES: ' a.ts, ./b/c.js ,', REDIS_URL: 'redis://cache:6380/3', PORT: '9000' });
    expect(config.workflowModules).toEqual(['a.ts', './b/c.js']);
    expect(config.redisUrl).toBe('redis://cache:6380/3');
    expect(config.publicUrl).toBe('http://localhost:9000');
  });

  it('reads task schedules as name=cron entries, off included', () => {
    expect(parseEnv({ TASK_SCHEDULES: 'task_a=*/5 * * * *; task_b=off' }).taskSchedules).toEqual({
      task_a: '*/5 * * * *',
      task_b: 'off',
    });
  });

  it.each([
    ['PORT', 'eighty', /PORT/],
    ['RECOVERY_INTERVAL_MS', '50', /RECOVERY_INTERVAL_MS/],
    ['DATABASE_URL', 'mysql://x/y', /DATABASE_URL must be a URL starting with postgres:\/\//],
    ['LOG_LEVEL', 'loud', /LOG_LEVEL/],
    ['PUBLIC_URL', 'orch.example.net', /PUBLIC_URL must be a URL starting with http:\/\/ or https:\/\//],
    ['QUEUE_PREFIX', 'a:b', /QUEUE_PREFIX must not contain ":"/],
    ['WORKER_CONCURRENCY', '0', /WORKER_CONCURRENCY/],
    ['TASK_SCHEDULES', 'task_clean_up_tasks', /TASK_SCHEDULES expects name=cron entries/],
  ])('rejects an invalid %s with one line naming the variable', (name, value, message) => {
    let thrown: unknown;
    try {
      parseEnv({ [name]: value });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    expect((thrown as Error).message).toMatch(message);
    expect((thrown as Error).message).not.toContain('\n');
  });
});
