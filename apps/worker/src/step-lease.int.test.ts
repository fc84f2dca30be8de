import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { spawnApp, startTestStack, waitFor, type SpawnedApp, type TestStack } from '@orchestrator/test-stack';
import leaseWorkflows from '../test-fixtures/lease-workflows';

const FIXTURE = 'apps/worker/test-fixtures/lease-workflows.ts';
const LEASE_MS = 2000;
const RECOVERY_INTERVAL_MS = 500;

/**
 * STEP_LEASE_MS (ENGINE.md 15.1) and step time-outs (14.4) with worker processes of their own: a stopped
 * worker or a blocked event loop loses its process to another worker, and its late commit changes nothing;
 * a long step that declares timeoutMs or heartbeats keeps it; a step past its timeoutMs fails and rolls back.
 */
describe('step leases and time-outs', () => {
  let stack: TestStack;
  let markerDir: string;
  const workers: SpawnedApp[] = [];

  const spawnWorker = () => {
    const app = spawnApp('apps/worker/src/main.ts', {
      DATABASE_URL: stack.config.databaseUrl,
      REDIS_URL: stack.config.redisUrl,
      QUEUE_PREFIX: stack.config.queuePrefix,
      WORKFLOW_MODULES: FIXTURE,
      RECOVERY_INTERVAL_MS: String(RECOVERY_INTERVAL_MS),
      STEP_LEASE_MS: String(LEASE_MS),
      WORKER_CONCURRENCY: '2',
      DB_POOL_SIZE: '4',
      LOG_LEVEL: 'info',
      MARKER_DIR: markerDir,
      BUSY_LOOP_MS: '8000',
    });
    workers.push(app);
    return app;
  };
  /** Until the worker takes jobs: a takeover by a worker still booting would time the boot, not the lease. */
  const ready = (app: SpawnedApp) =>
    waitFor(() => app.output().includes('"msg":"worker started"'), { what: 'a worker to start', timeoutMs: 30000 });
  /** Stops a worker for good (it lets its step in hand finish or fail first) and starts another. */
  const replace = async (worker: SpawnedApp) => {
    worker.child.kill('SIGTERM');
    await worker.exited;
    workers.splice(workers.indexOf(worker), 1);
    await ready(spawnWorker());
  };

  beforeAll(async () => {
    stack = await startTestStack({ workflows: leaseWorkflows });
    await stack.sql('CREATE TABLE lease_effects (process_id uuid NOT NULL, step text NOT NULL, pid int NOT NULL)');
    markerDir = mkdtempSync(path.join(tmpdir(), 'orch-lease-'));
    await Promise.all([ready(spawnWorker()), ready(spawnWorker())]);
  }, 60000);
  afterAll(async () => {
    for (const app of workers) {
      app.child.kill('SIGCONT');
      app.child.kill('SIGKILL');
    }
    await Promise.all(workers.map((app) => app.exited));
    await stack.stop();
    rmSync(markerDir, { recursive: true, force: true });
  });

  const start = async (workflow: string) => {
    const res = await stack.request('POST', `/api/processes/${workflow}`, {});
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  /** Every run of a step, as `<step> <pid>` lines (see lease-workflows.ts). */
  const runs = (id: string) => {
    const file = path.join(markerDir, `runs-${id}`);
    return existsSync(file) ? readFileSync(file, 'utf8').trim().split('\n') : [];
  };
  const runnerOf = async (id: string, stepName: string) => {
    await waitFor(() => runs(id).some((line) => line.startsWith(`${stepName} `)), {
      what: `a worker to run ${stepName}`,
      timeoutMs: 20000,
    });
    const pid = Number(runs(id)[0]?.split(' ').at(-1));
    const worker = workers.find((app) => app.child.pid === pid);
    if (!worker) throw new Error(`no spawned worker has pid ${pid}`);
    return worker;
  };
  const statusOf = async (id: string) =>
    (await stack.sql<{ status: string }>('SELECT status FROM processes WHERE process_id = $1', [id]))[0]?.status;
  const reaches = (id: string, status: string, timeoutMs = 20000) =>
    waitFor(async () => (await statusOf(id)) === status, { what: `process ${id} to be ${status}`, timeoutMs });
  const stepRows = async (id: string) =>
    stack.sql<{ name: string; status: string; error: { class: string; message: string } | null }>(
      'SELECT name, status, error FROM process_steps WHERE process_id = $1 ORDER BY seq',
      [id],
    );
  const effects = async (id: string) =>
    (
      await stack.sql<{ step: string; pid: number }>(
        'SELECT step, pid FROM lease_effects WHERE process_id = $1 ORDER BY step',
        [id],
      )
    ).map((row) => `${row.step} ${row.pid}`);

  it.each([
    ['declares timeoutMs', 'lease_declared', 'Long'],
    ['heartbeats', 'lease_heartbeat', 'Beating'],
  ])(
    'keeps a step that runs longer than the lease but %s with its worker',
    async (_how, workflow, stepName) => {
      const id = await start(workflow);
      const runner = await runnerOf(id, stepName);
      await reaches(id, 'completed');
      expect(runs(id)).toEqual([`${stepName} ${runner.child.pid}`]);
      expect(await effects(id)).toEqual([`${stepName} ${runner.child.pid}`]);
    },
    30000,
  );

  it('fails a step past its timeoutMs with StepTimeoutError, rolls its writes back, and a retry succeeds', async () => {
    const id = await start('timed_out');
    const runner = await runnerOf(id, 'Timed');
    await reaches(id, 'failed');
    const failed = (await stepRows(id)).at(-1);
    expect(failed).toMatchObject({
      name: 'Timed',
      status: 'failed',
      error: { class: 'StepTimeoutError', message: 'step "Timed" did not finish within its timeoutMs of 1000 ms' },
    });
    // The step function carries on after its deadline; its late write is refused.
    await waitFor(() => runs(id).includes(`late ${runner.child.pid}`), { what: 'the late write', timeoutMs: 10000 });
    expect(await effects(id)).toEqual([]);
    const detail = await stack.request('GET', `/api/processes/${id}`);
    expect(detail.body).toMatchObject({ status: 'failed', currentState: {} });

    expect((await stack.request('PUT', `/api/processes/${id}/resume`, {})).status).toBe(204);
    await reaches(id, 'completed');
    expect((await stepRows(id)).map((row) => `${row.name} ${row.status}`)).toEqual([
      'Start success',
      'Timed failed',
      'Timed success',
      'Done complete',
    ]);
    expect(await effects(id)).toHaveLength(1);
  }, 30000);

  it('cancels the statement a step is running when it passes its timeoutMs', async () => {
    const id = await start('sql_timed_out');
    await runnerOf(id, 'Sleeping statement');
    const runningAt = Date.now();
    await reaches(id, 'failed');
    expect(Date.now() - runningAt).toBeLessThan(10000);
    expect((await stepRows(id)).at(-1)).toMatchObject({ status: 'failed', error: { class: 'StepTimeoutError' } });
    expect(await effects(id)).toEqual([]);
    const sleeping = await stack.sql(
      "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'SELECT pg_sleep%'",
    );
    expect(sleeping).toEqual([]);
  }, 30000);

  it('gives the process of a worker whose event loop is blocked past timeoutMs to another worker, fenced', async () => {
    const id = await start('busy_loop');
    const blocked = await runnerOf(id, 'Busy');
    await reaches(id, 'completed');
    const taker = workers.find((app) => app !== blocked);
    expect(await effects(id)).toEqual([`Busy ${taker?.child.pid}`]);

    // The blocked worker comes back, finds its step past its deadline and its session gone: nothing changes.
    await waitFor(() => runs(id).includes(`unblocked ${blocked.child.pid}`), {
      what: 'the event loop to be free again',
      timeoutMs: 20000,
    });
    await replace(blocked);
    expect((await stepRows(id)).map((row) => `${row.name} ${row.status}`)).toEqual([
      'Start success',
      'Busy success',
      'Done complete',
    ]);
    expect(await effects(id)).toEqual([`Busy ${taker?.child.pid}`]);
    expect(await statusOf(id)).toBe('completed');
  }, 40000);

  it('gives the process of a worker stopped mid-step to another worker within the lease, and the late commit changes nothing', async () => {
    const id = await start('lease_held');
    const stopped = await runnerOf(id, 'Held');
    stopped.child.kill('SIGSTOP');
    const stoppedAt = Date.now();
    const taker = workers.find((app) => app !== stopped);
    await waitFor(() => runs(id).includes(`Held ${taker?.child.pid}`), {
      what: 'another worker to run the step',
      timeoutMs: 20000,
    });
    // Within the lease and one recovery interval (ENGINE.md 15.1), plus slack for a loaded 2-core machine.
    expect(Date.now() - stoppedAt).toBeLessThan(LEASE_MS + RECOVERY_INTERVAL_MS + 5000);
    await reaches(id, 'completed');
    expect(await effects(id)).toEqual([`Held ${taker?.child.pid}`]);

    // Continued, the stopped worker finishes its step and tries to commit: its session was ended.
    stopped.child.kill('SIGCONT');
    await replace(stopped);
    expect(runs(id)).toEqual([`Held ${stopped.child.pid}`, `Held ${taker?.child.pid}`]);
    expect((await stepRows(id)).map((row) => `${row.name} ${row.status}`)).toEqual([
      'Start success',
      'Before success',
      'Held success',
      'After success',
      'Done complete',
    ]);
    expect(await effects(id)).toEqual([`Held ${taker?.child.pid}`]);
  }, 40000);
});
