import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { generateApiKey } from '@orchestrator/auth';
import { migrations as allMigrations, quoteIdentifier } from '@orchestrator/db';
import {
  ADMIN_DATABASE_URL,
  deleteRedisKeys,
  spawnApp,
  TEST_REDIS_URL,
  testQueuePrefix,
  waitFor,
  type SpawnedApp,
} from '@orchestrator/testing';

describe('start-up', () => {
  const spawned: SpawnedApp[] = [];
  const databaseName = `orch_test_${Date.now()}_startup${randomBytes(4).toString('hex')}`;
  const databaseUrl = (() => {
    const url = new URL(ADMIN_DATABASE_URL);
    url.pathname = `/${databaseName}`;
    return url.toString();
  })();
  const prefix = testQueuePrefix();
  const prefixes = [prefix];

  afterAll(async () => {
    for (const app of spawned) app.child.kill('SIGKILL');
    await Promise.all(spawned.map((app) => app.exited));
    const admin = new Client({ connectionString: ADMIN_DATABASE_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(databaseName)} WITH (FORCE)`);
    await admin.end();
    for (const p of prefixes) await deleteRedisKeys(p);
  });

  const spawn = (main: string, env: Record<string, string>) => {
    const app = spawnApp(main, { REDIS_URL: TEST_REDIS_URL, QUEUE_PREFIX: prefix, LOG_LEVEL: 'warn', ...env });
    spawned.push(app);
    return app;
  };

  it('stops with one clear line naming an invalid variable', async () => {
    const app = spawn('apps/worker/src/main.ts', { DATABASE_URL: databaseUrl, RECOVERY_INTERVAL_MS: 'soon' });
    expect(await app.exited).toBe(1);
    expect(app.output().trim()).toMatch(/^invalid configuration: RECOVERY_INTERVAL_MS .*\(got "soon"\)$/);
  }, 30000);

  it.each([
    ['block-cycle.ts', /^product blocks form a cycle: card -> chassis -> card$/],
    [
      'list-bounds.ts',
      /^WORKFLOW_MODULES: cannot load .*list-bounds\.ts: product block "fixture_card", child "ports": min 4 is more than max 2$/,
    ],
    [
      'hello-again.ts',
      /^WORKFLOW_MODULES: workflow "hello_world" is defined twice: in the built-in workflows and in .*hello-again\.ts$/,
    ],
  ])(
    'stops with one line naming an inconsistent product model or workflow set (%s)',
    async (fixture, line) => {
      const app = spawn('apps/api/src/main.ts', {
        DATABASE_URL: databaseUrl,
        PORT: String(20000 + Math.floor(Math.random() * 20000)),
        WORKFLOW_MODULES: `apps/cli/test-fixtures/${fixture}`,
      });
      expect(await app.exited).toBe(1);
      expect(app.output().trim()).toMatch(line);
    },
    30000,
  );

  it('names PostgreSQL and how to start it when it cannot be reached', async () => {
    const app = spawn('apps/api/src/main.ts', { DATABASE_URL: 'postgres://root@127.0.0.1:1/nowhere', PORT: '18999' });
    expect(await app.exited).toBe(1);
    expect(app.output()).toMatch(/PostgreSQL at 127\.0\.0\.1:1 cannot be reached .*Start it/);
    expect(app.output()).not.toMatch(/\n\s+at /);
  }, 30000);

  it('creates the database and migrates it once when two APIs and two workers start together; one prints the bootstrap key, which runs a workflow', async () => {
    const ports = [0, 1].map(() => String(20000 + Math.floor(Math.random() * 20000)));
    const env = { DATABASE_URL: databaseUrl, RECOVERY_INTERVAL_MS: '1000' };
    const apis = ports.map((port) => spawn('apps/api/src/main.ts', { ...env, PORT: port, LOG_LEVEL: 'info' }));
    spawn('apps/worker/src/main.ts', env);
    spawn('apps/worker/src/main.ts', env);
    for (const port of ports) {
      await waitFor(async () => (await fetch(`http://127.0.0.1:${port}/health/ready`)).status === 200, {
        timeoutMs: 45000,
        intervalMs: 200,
        what: 'readiness',
      });
    }
    const base = `http://127.0.0.1:${ports[0]}`;

    // Exactly one API printed the key, as a line of its own on standard output, not as a log line.
    const printed = apis.map((api) => /^ {4}(ork_[0-9A-Za-z]{43})$/m.exec(api.output())?.[1]);
    expect(printed.filter((key) => key !== undefined)).toHaveLength(1);
    const key = printed.find((key) => key !== undefined)!;
    for (const api of apis) {
      const logLines = api
        .output()
        .split('\n')
        .filter((line) => line.startsWith('{'));
      expect(logLines.length).toBeGreaterThan(0);
      expect(logLines.filter((line) => line.includes(key))).toEqual([]);
    }
    expect((await fetch(`${base}/api/processes`)).status).toBe(401);
    const headers = { authorization: `Bearer ${key}` };

    const started = await fetch(`${base}/api/processes/hello_world`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'network' }),
    });
    expect(started.status).toBe(201);
    const { id } = (await started.json()) as { id: string };
    const detail = await waitFor(
      async () => {
        const body = (await (await fetch(`${base}/api/processes/${id}`, { headers })).json()) as {
          status: string;
          currentState: unknown;
          createdBy: string;
        };
        return body.status === 'completed' && body;
      },
      { timeoutMs: 30000, what: 'hello_world to complete' },
    );
    expect(detail).toMatchObject({
      createdBy: 'bootstrap',
      currentState: { name: 'network', greeting: 'hello network' },
    });

    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    const migrations = await client.query('SELECT name FROM typeorm_migrations ORDER BY id');
    const workflows = await client.query('SELECT name FROM workflows WHERE deleted_at IS NULL');
    await client.end();
    // Each migration applied exactly once, however many processes started together.
    expect(migrations.rows).toEqual(allMigrations.map((migration) => ({ name: migration.name })));
    expect(workflows.rows.map((r: { name: string }) => r.name)).toContain('hello_world');
  }, 90000);

  it('runs API and worker in one process with `npm start` and stops cleanly on SIGTERM', async () => {
    const port = String(20000 + Math.floor(Math.random() * 20000));
    // A queue of its own: the workers of the test above still run on the shared prefix.
    const ownPrefix = testQueuePrefix();
    prefixes.push(ownPrefix);
    const adminApiKey = generateApiKey();
    const app = spawn('apps/cli/src/start.ts', {
      DATABASE_URL: databaseUrl,
      PORT: port,
      LOG_LEVEL: 'info',
      QUEUE_PREFIX: ownPrefix,
      ADMIN_API_KEY: adminApiKey,
    });
    const headers = { authorization: `Bearer ${adminApiKey}` };
    const base = `http://127.0.0.1:${port}`;
    await waitFor(async () => (await fetch(`${base}/health/ready`)).status === 200, {
      timeoutMs: 45000,
      intervalMs: 200,
      what: 'readiness',
    });
    const started = await fetch(`${base}/api/processes/hello_world`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json', 'x-user': 'newcomer' },
      body: JSON.stringify({ name: 'single process' }),
    });
    const { id } = (await started.json()) as { id: string };
    await waitFor(
      async () =>
        ((await (await fetch(`${base}/api/processes/${id}`, { headers })).json()) as { status: string }).status ===
        'completed',
      { timeoutMs: 30000, what: 'hello_world to complete' },
    );
    app.child.kill('SIGTERM');
    expect(await app.exited).toBe(0);
    expect(app.output()).toContain('process completed');
    expect(app.output()).toContain('shut down cleanly');
  }, 90000);
});
