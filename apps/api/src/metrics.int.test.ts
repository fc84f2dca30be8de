import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { defineProduct, defineWorkflow, step } from '@orchestrator/engine';
import { createRedisConnection } from '@orchestrator/queue';
import {
  processWhen,
  startedProcess,
  startTestStack,
  waitFor,
  type ApiReplica,
  type TestStack,
} from '@orchestrator/test-stack';

// ENGINE.md 12.1 against the real services: two API replicas, two workers, every figure cluster-wide.

const gadget = defineProduct({
  name: 'gadget',
  productType: 'Gadget',
  tag: 'GDG',
  description: 'a gadget',
  data: z.object({}),
  workflows: [],
});

const workflows = [
  defineWorkflow({
    name: 'metrics_two_steps',
    target: 'SYSTEM',
    description: 'two steps',
    steps: [step('First', () => ({ a: 1 })), step('Second', () => ({ b: 2 }))],
  }),
  defineWorkflow({
    name: 'metrics_makes_gadget',
    target: 'CREATE',
    description: 'creates a gadget',
    steps: [
      step('Make', async (_state, ctx) => {
        await ctx.subscriptions.create({ productName: 'gadget', customerId: 'acme', description: 'g', data: {} });
      }),
    ],
  }),
];

const OBSERVABILITY = path.resolve(__dirname, '../../../observability');

/** `name{labels} value` lines of a scrape, as [series, value]. */
function samples(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const at = line.lastIndexOf(' ');
    out.set(line.slice(0, at), Number(line.slice(at + 1)));
  }
  return out;
}

function sumOf(text: string, name: string, labels: Record<string, string> = {}): number {
  let total = 0;
  for (const [series, value] of samples(text)) {
    const family = series.split('{')[0];
    if (family !== name) continue;
    if (Object.entries(labels).every(([key, v]) => series.includes(`${key}="${v}"`))) total += value;
  }
  return total;
}

describe('metrics', () => {
  let stack: TestStack;
  let replica: ApiReplica;
  const processes = 12;

  beforeAll(async () => {
    stack = await startTestStack({ workflows, products: [gadget] });
    replica = await stack.startApi();
    await stack.startWorker();
    await stack.startWorker();
    const ids: string[] = [];
    for (let i = 0; i < processes; i += 1) ids.push(await startedProcess(stack, 'metrics_two_steps'));
    for (const id of ids) await processWhen(stack, id, 'completed');
    await processWhen(stack, await startedProcess(stack, 'metrics_makes_gadget'), 'completed');
  });
  afterAll(async () => {
    await stack?.stop();
  });

  const scrape = async (base: string, path = '/api/metrics') => {
    const res = await fetch(`${base}${path}`, { headers: stack.adminHeaders });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    return res.text();
  };

  it('count every step of every worker, the same on every replica and at both paths', async () => {
    // Start, First, Second, Done: the last step and Done may commit together, each row is counted.
    const expected = processes * 4;
    const text = await waitFor(
      async () => {
        const scraped = await scrape(replica.baseUrl);
        return sumOf(scraped, 'orchestrator_steps_total', { workflow: 'metrics_two_steps' }) === expected && scraped;
      },
      { what: 'the workers to flush their step counts' },
    );
    expect(sumOf(text, 'orchestrator_steps_total', { workflow: 'metrics_two_steps', step: 'Second' })).toBe(processes);
    expect(
      sumOf(text, 'orchestrator_steps_total', { workflow: 'metrics_two_steps', step: 'Done', status: 'complete' }),
    ).toBe(processes);
    expect(sumOf(text, 'orchestrator_step_duration_seconds_count', { workflow: 'metrics_two_steps' })).toBeGreaterThan(
      0,
    );
    const other = await scrape(stack.baseUrl, '/metrics');
    expect(sumOf(other, 'orchestrator_steps_total', { workflow: 'metrics_two_steps' })).toBe(expected);
    expect(text).not.toMatch(/pid=|process_id=|processId=/);
  });

  it("export orchestrator-core's gauges with its names and labels", async () => {
    const text = await scrape(replica.baseUrl);
    expect(text).toContain('# TYPE wfo_process_count untyped');
    expect(
      sumOf(text, 'wfo_process_count', {
        last_status: 'completed',
        is_task: 'False',
        workflow_name: 'metrics_two_steps',
        workflow_target: 'SYSTEM',
        // The test stack's admin key started them.
        created_by: 'admin',
      }),
    ).toBe(processes);
    expect(sumOf(text, 'wfo_process_count', { product_name: 'gadget', customer_id: 'acme' })).toBe(1);
    expect(sumOf(text, 'wfo_process_seconds_total_count', { workflow_name: 'metrics_two_steps' })).toBeGreaterThan(0);
    expect(
      sumOf(text, 'wfo_subscriptions_count', {
        product_name: 'gadget',
        lifecycle_state: 'initial',
        customer_id: 'acme',
        insync: 'False',
      }),
    ).toBe(1);
    expect(samples(text).get('wfo_engine_status{wfo_engine_status="RUNNING"}')).toBe(1);
    expect(samples(text).get('wfo_engine_status{wfo_engine_status="PAUSED"}')).toBe(0);
    expect(samples(text).get('wfo_active_process_count')).toBe(0);
  });

  it('show the queue, the live workers and the recovery sweeper', async () => {
    const text = await scrape(stack.baseUrl);
    expect(samples(text).get('orchestrator_workers')).toBe(2);
    expect(samples(text).get('orchestrator_queue_jobs{state="waiting"}')).toBe(0);
    expect(samples(text).get('orchestrator_queue_oldest_job_age_seconds')).toBe(0);

    // A runnable process without a step job (its request was lost) is found by a sweeper and counted.
    const [row] = await stack.sql<{ id: string }>(
      `INSERT INTO processes (process_id, workflow_id, workflow_name, is_task, status, state, created_by, actor,
                              last_modified_at)
       SELECT gen_random_uuid(), workflow_id, name, false, 'created', '{}', 'SYSTEM', 'SYSTEM', now() - interval '1 hour'
         FROM workflows WHERE name = 'metrics_two_steps' RETURNING process_id AS id`,
    );
    const before = sumOf(await scrape(stack.baseUrl), 'orchestrator_recovery_reenqueued_total');
    await stack.workers[0]?.sweeper.sweepOnce();
    await processWhen(stack, row?.id ?? '', 'completed');
    await waitFor(async () => sumOf(await scrape(replica.baseUrl), 'orchestrator_recovery_reenqueued_total') > before, {
      what: 'the re-enqueue to be counted',
    });
  });

  it('count HTTP requests of every replica by route pattern, never by raw path', async () => {
    const id = '00000000-0000-4000-8000-00000000abcd';
    await stack.request('GET', `/api/processes/${id}`);
    await replica.request('GET', `/api/processes/${id}`);
    await replica.request('GET', '/api/no-such-thing');
    const text = await waitFor(
      async () => {
        const scraped = await scrape(stack.baseUrl);
        return (
          sumOf(scraped, 'orchestrator_http_requests_total', {
            route: '/api/processes/:id',
            method: 'GET',
            status: '404',
          }) >= 2 && scraped
        );
      },
      { what: 'both replicas to flush their request counts' },
    );
    expect(text).not.toContain(id);
    expect(sumOf(text, 'orchestrator_http_requests_total', { route: 'unmatched', status: '404' })).toBeGreaterThan(0);
    expect(
      sumOf(text, 'orchestrator_http_request_duration_seconds_count', { route: '/api/processes/:id', method: 'GET' }),
    ).toBeGreaterThanOrEqual(2);
  });

  it('are clean under promtool check metrics', async () => {
    const text = await scrape(replica.baseUrl);
    const checked = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
    if (checked.error) throw new Error(`promtool could not run (apt-get install prometheus): ${checked.error.message}`);
    expect({ status: checked.status, output: `${checked.stdout}${checked.stderr}` }).toEqual({ status: 0, output: '' });
  });

  it('export every metric the shipped Grafana dashboard queries', async () => {
    const dashboard = JSON.parse(
      readFileSync(path.join(OBSERVABILITY, 'grafana/dashboards/orchestrator.json'), 'utf8'),
    ) as {
      panels: { targets: { expr: string }[] }[];
    };
    const queried = new Set(
      dashboard.panels.flatMap((panel) =>
        panel.targets.flatMap((target) => target.expr.match(/\b(?:orchestrator|wfo)_[a-z_]+\b/g) ?? []),
      ),
    );
    const declared = new Set([...(await scrape(stack.baseUrl)).matchAll(/^# TYPE (\S+) /gm)].map((m) => m[1]));
    const familyOf = (name: string) => (declared.has(name) ? name : name.replace(/_(bucket|sum|count)$/, ''));
    expect(queried.size).toBeGreaterThanOrEqual(10);
    expect([...queried].filter((name) => !declared.has(familyOf(name)))).toEqual([]);
    // The compose profile provisions that dashboard and scrapes the API.
    const compose = parseYaml(readFileSync(path.join(OBSERVABILITY, '../docker-compose.yml'), 'utf8')) as {
      services: Record<string, { profiles?: string[] }>;
    };
    expect(compose.services.prometheus?.profiles).toEqual(['observability']);
    expect(compose.services.grafana?.profiles).toEqual(['observability']);
    expect(readFileSync(path.join(OBSERVABILITY, 'prometheus.yml'), 'utf8')).toContain('metrics_path: /metrics');
  });

  it('list the live workers with their heartbeats', async () => {
    const listed = await replica.request('GET', '/api/settings/workers');
    expect(listed.status).toBe(200);
    expect(listed.body.items).toHaveLength(2);
    for (const worker of listed.body.items) {
      expect(worker).toEqual({
        id: expect.any(String),
        host: expect.any(String),
        pid: process.pid,
        concurrency: stack.config.workerConcurrency,
        startedAt: expect.any(String),
        lastSeenAt: expect.any(String),
        stepsInHand: 0,
      });
    }
    const ids = (listed.body.items as { id: string }[]).map((worker) => worker.id).sort();
    expect(ids).toEqual(stack.workers.map((worker) => worker.workerId).sort());
  });

  it('drop a worker that stops at once', async () => {
    const third = await stack.startWorker();
    const names = async () =>
      ((await stack.request('GET', '/api/settings/workers')).body.items as { id: string }[]).map((w) => w.id);
    await waitFor(async () => (await names()).includes(third.workerId), { what: 'the third worker to be listed' });
    await third.stop();
    stack.workers.splice(stack.workers.indexOf(third), 1);
    expect(await names()).not.toContain(third.workerId);
  });

  it('drop a worker whose heartbeats stopped after three missed ones', async () => {
    // A worker that died without a word: its last heartbeat is in Redis, and nothing follows it.
    const redis = createRedisConnection(stack.config.redisUrl, 'test-dead-worker');
    const { WorkerHeartbeat } = await import('@orchestrator/telemetry');
    const dead = new WorkerHeartbeat(
      stack.config.queuePrefix,
      { id: 'dead-worker', host: 'gone', pid: 1, concurrency: 1, startedAt: new Date().toISOString() },
      stack.config.workerHeartbeatMs,
    );
    try {
      const pipeline = redis.pipeline();
      dead.addTo(pipeline, 1);
      await pipeline.exec();
      const names = async () =>
        ((await stack.request('GET', '/api/settings/workers')).body.items as { id: string }[]).map((w) => w.id);
      expect(await names()).toContain('dead-worker');
      const seenAt = Date.now();
      await waitFor(async () => !(await names()).includes('dead-worker'), { what: 'the dead worker to be dropped' });
      expect(Date.now() - seenAt).toBeGreaterThanOrEqual(2 * stack.config.workerHeartbeatMs);
      expect(await names()).toHaveLength(2);
    } finally {
      redis.disconnect();
    }
  });
});
