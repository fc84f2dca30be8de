import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateApiKey } from '@orchestrator/auth';
import {
  createTestDatabase,
  deleteRedisKeys,
  spawnApp,
  TEST_REDIS_URL,
  testQueuePrefix,
  waitFor,
  type SpawnedApp,
  type TestDatabase,
} from '@orchestrator/testing';

// ENGINE.md 12.2 and 12.3 with the real start scripts (the SDK instruments pg and ioredis as they load) and
// an OTLP/HTTP JSON receiver in this test: one API and two workers, each exporting its spans here.

const FIXTURE = 'apps/worker/test-fixtures/traced-workflows.ts';

interface ReceivedSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  attributes: Record<string, unknown>;
  links: { traceId: string; spanId: string }[];
  service: string;
}

type OtlpValue = {
  stringValue?: string;
  intValue?: string | number;
  boolValue?: boolean;
  arrayValue?: { values?: OtlpValue[] };
};
type OtlpAttribute = { key: string; value: OtlpValue };

function valueOf(value: OtlpValue): unknown {
  if (value.arrayValue) return (value.arrayValue.values ?? []).map(valueOf);
  return value.stringValue ?? value.intValue ?? value.boolValue;
}

function attributesOf(list: OtlpAttribute[] | undefined): Record<string, unknown> {
  return Object.fromEntries((list ?? []).map((a) => [a.key, valueOf(a.value)]));
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

const traceparent = () => {
  const traceId = randomBytes(16).toString('hex');
  return { traceId, header: `00-${traceId}-${randomBytes(8).toString('hex')}-01` };
};

describe('tracing', () => {
  let db: TestDatabase;
  let receiver: Server;
  let apiUrl: string;
  const prefix = testQueuePrefix();
  const spans: ReceivedSpan[] = [];
  const apps: SpawnedApp[] = [];
  let env: Record<string, string>;
  const adminKey = generateApiKey();

  const spawn = (main: string, extra: Record<string, string> = {}) => {
    const app = spawnApp(main, { ...env, ...extra });
    apps.push(app);
    return app;
  };
  const ready = (app: SpawnedApp, pattern: RegExp) =>
    waitFor(() => pattern.exec(app.output()) ?? undefined, {
      what: `${pattern.source} in the output`,
      timeoutMs: 30000,
    });
  const api = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${apiUrl}${path}`, {
      method,
      body: body === undefined ? undefined : JSON.stringify(body),
      headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json', ...headers },
    });
    const text = await res.text();
    return {
      status: res.status,
      headers: res.headers,
      body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
    };
  };
  const statusOf = async (id: string) => (await api('GET', `/api/processes/${id}`)).body.status;
  const stepSpans = (processId: string) =>
    spans.filter((s) => s.name.startsWith('step ') && s.attributes['orchestrator.process_id'] === processId);

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        const parsed = JSON.parse(body) as {
          resourceSpans: {
            resource: { attributes: OtlpAttribute[] };
            scopeSpans: {
              spans: (Omit<ReceivedSpan, 'attributes' | 'links' | 'service'> & {
                attributes?: OtlpAttribute[];
                links?: { traceId: string; spanId: string }[];
              })[];
            }[];
          }[];
        };
        for (const resource of parsed.resourceSpans) {
          const service = String(attributesOf(resource.resource.attributes)['service.name']);
          for (const scope of resource.scopeSpans) {
            for (const span of scope.spans) {
              spans.push({ ...span, attributes: attributesOf(span.attributes), links: span.links ?? [], service });
            }
          }
        }
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    db = await createTestDatabase();
    env = {
      DATABASE_URL: db.url,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: prefix,
      WORKFLOW_MODULES: FIXTURE,
      RECOVERY_INTERVAL_MS: '1000',
      WORKER_HEARTBEAT_MS: '500',
      LOG_LEVEL: 'info',
      TASK_SCHEDULES: 'task_clean_up_tasks=off;task_resume_workflows=off;task_timeout_callbacks=off',
      OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      PORT: String(await freePort()),
      // The spawned API authenticates like any: this run's admin key, sent by api() below.
      ADMIN_API_KEY: adminKey,
    };
    const apiApp = spawn('apps/api/src/main.ts');
    const listening = await ready(apiApp, /API listening on http:\/\/localhost:(\d+)/);
    apiUrl = `http://127.0.0.1:${listening?.[1] ?? 0}`;
    await ready(spawn('apps/worker/src/main.ts'), /worker started/);
    await ready(spawn('apps/worker/src/main.ts'), /worker started/);
  }, 90000);
  afterAll(async () => {
    for (const app of apps) app.child.kill('SIGTERM');
    await Promise.all(apps.map((app) => app.exited));
    await new Promise((resolve) => receiver?.close(resolve));
    await deleteRedisKeys(prefix);
    await db?.drop();
  });

  it('puts every step span of a process in the trace of its start request, linked to the resume after a resume', async () => {
    const start = traceparent();
    const started = await api('POST', '/api/processes/traced_asks', {}, { traceparent: start.header });
    expect(started.status).toBe(201);
    const id = String(started.body.id);
    await waitFor(async () => (await statusOf(id)) === 'suspended', { what: 'the form' });
    const resume = traceparent();
    expect((await api('PUT', `/api/processes/${id}/resume`, { ok: true }, { traceparent: resume.header })).status).toBe(
      204,
    );
    await waitFor(async () => (await statusOf(id)) === 'completed', { what: 'completion' });

    // One span per executed step (a last step and Done execute together).
    const names = ['step Start', 'step Prepare', 'step Approve', 'step Finish'];
    await waitFor(() => names.every((name) => stepSpans(id).some((s) => s.name === name)), {
      what: 'every step span to be exported',
      timeoutMs: 20000,
    });
    for (const span of stepSpans(id)) {
      expect(span.traceId).toBe(start.traceId);
      expect(span.service).toBe('orchestrator-worker');
      expect(span.attributes).toMatchObject({
        'orchestrator.process_id': id,
        'orchestrator.workflow': 'traced_asks',
        'orchestrator.step': span.name.slice('step '.length),
        'orchestrator.subscription_ids': [],
      });
    }
    const finish = stepSpans(id).find((s) => s.name === 'step Finish');
    expect(finish?.links.map((l) => l.traceId)).toEqual([resume.traceId]);
    expect(stepSpans(id).find((s) => s.name === 'step Prepare')?.links).toEqual([]);

    // The request spans: the start's is a child of the caller's traceparent, named by its route.
    const startSpan = spans.find((s) => s.traceId === start.traceId && s.attributes['http.route'] !== undefined);
    expect(startSpan).toMatchObject({ service: 'orchestrator-api', name: 'POST /api/processes/:workflowName' });
    expect(startSpan?.parentSpanId).toBe(start.header.split('-')[2]);
    expect(spans.some((s) => s.traceId === resume.traceId && s.name === 'PUT /api/processes/:id/resume')).toBe(true);

    // PostgreSQL and Redis child spans under the steps.
    const prepare = stepSpans(id).find((s) => s.name === 'step Prepare');
    const children = spans.filter((s) => s.parentSpanId === prepare?.spanId);
    const systems = children.map((s) => s.attributes['db.system'] ?? s.attributes['db.system.name']);
    expect(systems).toContain('postgresql');
    expect(systems).toContain('redis');
  }, 60000);

  it('keeps the trace of a process whose step request was lost and recovered by a sweeper', async () => {
    for (const worker of apps.slice(1)) worker.child.kill('SIGTERM');
    await Promise.all(apps.slice(1).map((worker) => worker.exited));
    const start = traceparent();
    const started = await api('POST', '/api/processes/traced_plain', {}, { traceparent: start.header });
    const id = String(started.body.id);
    // Redis loses the queued step request; only PostgreSQL knows the process (and its trace context).
    await deleteRedisKeys(`${prefix}:steps:`);
    await ready(spawn('apps/worker/src/main.ts'), /worker started/);
    await waitFor(async () => (await statusOf(id)) === 'completed', { what: 'recovery', timeoutMs: 30000 });
    await waitFor(() => stepSpans(id).some((s) => s.name === 'step Only'), { what: 'the spans', timeoutMs: 20000 });
    expect(new Set(stepSpans(id).map((s) => s.traceId))).toEqual(new Set([start.traceId]));
  }, 60000);

  it('writes trace_id, span_id and the request id in the log lines of a request', async () => {
    const call = traceparent();
    const res = await api(
      'PUT',
      '/api/settings/status',
      { globalLock: true },
      { traceparent: call.header, 'x-request-id': 'req-42' },
    );
    expect(res.headers.get('x-request-id')).toBe('req-42');
    await api('PUT', '/api/settings/status', { globalLock: false });
    const line = await waitFor(
      () =>
        apps[0]
          ?.output()
          .split('\n')
          .find((l) => l.includes('"engine paused"')),
      { what: 'the log line' },
    );
    expect(JSON.parse(line)).toMatchObject({
      requestId: 'req-42',
      trace_id: call.traceId,
      span_id: expect.any(String),
    });
  });
});
