import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { StepRequest, StepScheduler } from '@orchestrator/engine';
import {
  deleteRedisKeys,
  spawnApp,
  startTestStack,
  waitFor,
  type SpawnedApp,
  type TestStack,
} from '@orchestrator/test-stack';
import { slowSideEffect } from '../test-fixtures/slow-workflows';
import { parallelOfSlow, parentOfSlow } from '../test-fixtures/sub-workflows';

const FIXTURE = 'apps/worker/test-fixtures/slow-workflows.ts';
const SUB_WORKFLOWS_FIXTURE = 'apps/worker/test-fixtures/sub-workflows.ts';

describe('nothing is lost when a worker crashes or stops', () => {
  let stack: TestStack;
  let markerDir: string;
  const spawned: SpawnedApp[] = [];

  beforeAll(async () => {
    stack = await startTestStack({ workflows: [slowSideEffect, parentOfSlow, parallelOfSlow] });
    await stack.sql('CREATE TABLE side_effects (process_id uuid NOT NULL, note text NOT NULL)');
    markerDir = mkdtempSync(path.join(tmpdir(), 'orch-markers-'));
  });
  afterAll(async () => {
    for (const app of spawned) app.child.kill('SIGKILL');
    await Promise.all(spawned.map((app) => app.exited));
    await stack.stop();
    rmSync(markerDir, { recursive: true, force: true });
  });

  const spawnWorker = (env: Record<string, string> = {}) => {
    const app = spawnApp('apps/worker/src/main.ts', {
      DATABASE_URL: stack.config.databaseUrl,
      REDIS_URL: stack.config.redisUrl,
      QUEUE_PREFIX: stack.config.queuePrefix,
      WORKFLOW_MODULES: FIXTURE,
      RECOVERY_INTERVAL_MS: '1000',
      LOG_LEVEL: 'info',
      MARKER_DIR: markerDir,
      SLOW_STEP_MS: '2500',
      ...env,
    });
    spawned.push(app);
    return app;
  };
  const start = async () => (await stack.request('POST', '/api/processes/slow_side_effect', {})).body.id as string;
  const slowStarted = (id: string, pid: number | undefined) =>
    waitFor(() => readdirSync(markerDir).includes(`slow-${id}-${pid}`), {
      what: 'the slow step to start',
      timeoutMs: 30000,
    });
  const stepNames = async (id: string) =>
    (await stack.sql<{ name: string }>('SELECT name FROM process_steps WHERE process_id = $1 ORDER BY seq', [id])).map(
      (r) => r.name,
    );
  const statusOf = async (id: string) =>
    (await stack.sql<{ status: string }>('SELECT status FROM processes WHERE process_id = $1', [id]))[0]?.status;
  const stateOf = async (id: string) =>
    (await stack.sql<{ state: object }>('SELECT state FROM processes WHERE process_id = $1', [id]))[0]?.state;

  it('completes a process whose worker was killed with SIGKILL in the middle of a step, without duplicate rows', async () => {
    const first = spawnWorker();
    const id = await start();
    await slowStarted(id, first.child.pid);
    first.child.kill('SIGKILL');
    expect(await first.exited).toBe('SIGKILL');

    const second = spawnWorker();
    await waitFor(async () => (await statusOf(id)) === 'completed', {
      what: 'completion by the second worker',
      timeoutMs: 40000,
    });
    expect(await stepNames(id)).toEqual(['Start', 'Before', 'Slow', 'After', 'Done']);
    const effects = await stack.sql<{ note: string }>('SELECT note FROM side_effects WHERE process_id = $1', [id]);
    expect(effects).toEqual([{ note: `pid ${second.child.pid}` }]);
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  }, 60000);

  it('lets the in-flight step finish and enqueue its successor on SIGTERM, then exits 0', async () => {
    const worker = spawnWorker();
    const id = await start();
    await slowStarted(id, worker.child.pid);
    worker.child.kill('SIGTERM');
    expect(await worker.exited).toBe(0);
    expect(await stepNames(id)).toEqual(['Start', 'Before', 'Slow']);
    expect(worker.output()).toContain('shut down cleanly');

    // The successor's job was enqueued before exit: a worker whose sweeper would take minutes finishes it.
    const next = spawnWorker({ RECOVERY_INTERVAL_MS: '600000' });
    await waitFor(async () => (await statusOf(id)) === 'completed', {
      what: 'completion from the queued job',
      timeoutMs: 30000,
    });
    next.child.kill('SIGTERM');
    expect(await next.exited).toBe(0);
  }, 60000);

  it('recovers a process whose next step was committed but never enqueued', async () => {
    let dropped = 0;
    const dropFirstEnqueue = (scheduler: StepScheduler): StepScheduler => ({
      schedule: async (job, delayMs) => {
        if (dropped === 0 && job.version === 2) {
          dropped += 1;
          throw new Error('injected fault: Redis went away between commit and enqueue');
        }
        await scheduler.schedule(job, delayMs);
      },
    });
    // One job per step: a chained step never goes through the enqueue (the SIGKILL test above covers a chain).
    const worker = await stack.startWorker({ wrapScheduler: dropFirstEnqueue, chainSteps: 1 });
    const id = await start();
    await waitFor(async () => (await statusOf(id)) === 'completed', {
      what: 'recovery by the sweeper',
      timeoutMs: 20000,
    });
    expect(dropped).toBe(1);
    expect(await stepNames(id)).toEqual(['Start', 'Before', 'Slow', 'After', 'Done']);
    await worker.stop();
    stack.workers.splice(stack.workers.indexOf(worker), 1);
  }, 30000);

  it('finds every runnable process again after Redis lost all queued jobs', async () => {
    const ids = await Promise.all([start(), start(), start()]);
    await deleteRedisKeys(stack.config.queuePrefix);
    const worker = await stack.startWorker();
    for (const id of ids) {
      await waitFor(async () => (await statusOf(id)) === 'completed', { what: `recovery of ${id}`, timeoutMs: 30000 });
      expect(await stepNames(id)).toEqual(['Start', 'Before', 'Slow', 'After', 'Done']);
    }
    await worker.stop();
    stack.workers.splice(stack.workers.indexOf(worker), 1);
  }, 40000);

  describe('sub-workflows (ENGINE.md 14.2)', () => {
    it('completes the child on another worker after a SIGKILL in the middle of a child step, then the parent', async () => {
      const first = spawnWorker({ WORKFLOW_MODULES: SUB_WORKFLOWS_FIXTURE });
      const id = (await stack.request('POST', '/api/processes/parent_of_slow', {})).body.id as string;
      const marker = await waitFor(
        () => readdirSync(markerDir).find((name) => name.startsWith('slow-') && name.endsWith(`-${first.child.pid}`)),
        { what: "the child's slow step to start", timeoutMs: 30000 },
      );
      first.child.kill('SIGKILL');
      expect(await first.exited).toBe('SIGKILL');
      const children = await stack.sql<{ id: string }>('SELECT process_id AS id FROM processes WHERE parent_id = $1', [
        id,
      ]);
      const childId = children[0]!.id;
      expect(children).toHaveLength(1);
      expect(marker).toBe(`slow-${childId}-${first.child.pid}`);
      expect(await statusOf(id)).toBe('waiting');

      const second = spawnWorker({ WORKFLOW_MODULES: SUB_WORKFLOWS_FIXTURE });
      await waitFor(async () => (await statusOf(id)) === 'completed', {
        what: 'completion of the parent',
        timeoutMs: 40000,
      });
      expect(await stepNames(childId)).toEqual(['Start', 'Before', 'Slow', 'After', 'Done']);
      expect(await stepNames(id)).toEqual(['Start', 'Run slow child', 'Run slow child', 'After child', 'Done']);
      expect(await stateOf(id)).toMatchObject({ childSaw: true, child: { before: true, after: true } });
      const effects = await stack.sql<{ note: string }>('SELECT note FROM side_effects WHERE process_id = $1', [
        childId,
      ]);
      expect(effects).toEqual([{ note: `pid ${second.child.pid}` }]);
      second.child.kill('SIGTERM');
      expect(await second.exited).toBe(0);
    }, 60000);

    it("recovers a parent whose wake-up was committed with the child's completion but never enqueued", async () => {
      const target = { parentId: '' };
      const dropped: StepRequest[] = [];
      // The parent: Start (v1), the sub-workflow step waits (v2), the child's completion wakes it (v3).
      const dropWakeUp = (scheduler: StepScheduler): StepScheduler => ({
        schedule: async (request, delayMs) => {
          if (request.processId === target.parentId && request.version === 3 && dropped.length === 0) {
            dropped.push(request);
            throw new Error('injected fault: Redis went away between the child commit and the enqueue');
          }
          await scheduler.schedule(request, delayMs);
        },
      });
      const worker = await stack.startWorker({ wrapScheduler: dropWakeUp });
      const parentId = (await stack.request('POST', '/api/processes/parent_of_slow', {})).body.id as string;
      target.parentId = parentId;
      await waitFor(async () => (await statusOf(parentId)) === 'completed', {
        what: 'recovery of the woken parent by the sweeper',
        timeoutMs: 30000,
      });
      expect(dropped).toEqual([{ processId: parentId, version: 3 }]);
      expect(await stepNames(parentId)).toEqual(['Start', 'Run slow child', 'Run slow child', 'After child', 'Done']);
      await worker.stop();
      stack.workers.splice(stack.workers.indexOf(worker), 1);
    }, 40000);
  });

  describe('parallel branches (ENGINE.md 14.1)', () => {
    it('completes a branch on another worker after a SIGKILL in the middle of a branch step, then joins', async () => {
      const first = spawnWorker({ WORKFLOW_MODULES: SUB_WORKFLOWS_FIXTURE });
      const id = (await stack.request('POST', '/api/processes/parallel_of_slow', {})).body.id as string;
      const marker = await waitFor(
        () => readdirSync(markerDir).find((name) => name.startsWith('slow-') && name.endsWith(`-${first.child.pid}`)),
        { what: "the slow branch's step to start", timeoutMs: 30000 },
      );
      first.child.kill('SIGKILL');
      expect(await first.exited).toBe('SIGKILL');
      const [slow] = await stack.sql<{ id: string }>(
        "SELECT process_id AS id FROM processes WHERE parent_id = $1 AND branch = 'slow'",
        [id],
      );
      expect(marker).toBe(`slow-${slow!.id}-${first.child.pid}`);

      const second = spawnWorker({ WORKFLOW_MODULES: SUB_WORKFLOWS_FIXTURE });
      await waitFor(async () => (await statusOf(id)) === 'completed', { what: 'the join', timeoutMs: 40000 });
      expect(await stepNames(slow!.id)).toEqual(['Start', 'Slow', 'After slow', 'Done']);
      expect(await stateOf(id)).toMatchObject({ joined: true, afterSlow: true, quick: true });
      const effects = await stack.sql<{ note: string }>('SELECT note FROM side_effects WHERE process_id = $1', [
        slow!.id,
      ]);
      expect(effects).toEqual([{ note: `pid ${second.child.pid}` }]);
      second.child.kill('SIGTERM');
      expect(await second.exited).toBe(0);
    }, 60000);
  });
});
