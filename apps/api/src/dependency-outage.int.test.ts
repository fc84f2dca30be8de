import { defineWorkflow, step } from '@orchestrator/engine';
import { startTestStack, waitFor, type HttpResponse, type TestStack } from '@orchestrator/test-stack';

const quick = defineWorkflow({
  name: 'quick',
  target: 'SYSTEM',
  description: 'one quick step',
  steps: [step('Only', () => ({ ran: true }))],
});

const retryAfter = async (stack: TestStack, method: string, path: string, body?: unknown, key?: string) => {
  const res = await fetch(`${stack.baseUrl}${path}`, {
    method,
    headers: {
      ...stack.adminHeaders,
      'content-type': 'application/json',
      ...(key ? { 'idempotency-key': key } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return {
    status: res.status,
    retryAfter: res.headers.get('retry-after'),
    body: JSON.parse(text) as HttpResponse['body'],
  };
};

const expectUnavailable = (
  res: { status: number; retryAfter: string | null; body: HttpResponse['body'] },
  service: RegExp,
) => {
  expect(res.status).toBe(503);
  expect(res.retryAfter).toMatch(/^\d+$/);
  expect(res.body.error.code).toBe('SERVICE_UNAVAILABLE');
  expect(res.body.error.message).toMatch(service);
};

describe('a PostgreSQL outage (ENGINE.md 15.2)', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ workflows: [quick], cuttable: { postgres: true } });
  });
  afterAll(() => stack.stop());

  it('answers starts, lists, details and counts 503 SERVICE_UNAVAILABLE naming PostgreSQL, and writes nothing', async () => {
    const before = await stack.request('POST', '/api/processes/quick', {});
    expect(before.status).toBe(201);
    stack.links.postgres?.cut();

    expectUnavailable(await retryAfter(stack, 'POST', '/api/processes/quick', {}, 'during-outage'), /PostgreSQL/);
    expectUnavailable(await retryAfter(stack, 'GET', '/api/processes?limit=5'), /PostgreSQL/);
    expectUnavailable(await retryAfter(stack, 'GET', '/api/processes/status-counts'), /PostgreSQL/);
    expectUnavailable(await retryAfter(stack, 'GET', `/api/processes/${before.body.id}`), /PostgreSQL/);
    expectUnavailable(await retryAfter(stack, 'GET', '/api/settings/status'), /PostgreSQL/);
    const ready = await stack.request('GET', '/health/ready');
    expect(ready.status).toBe(503);
    expect(ready.body.checks).toEqual({ database: false, redis: true, queues: true });
    expect(ready.body.message).toMatch(/PostgreSQL/);

    stack.links.postgres?.restore();
    await waitFor(async () => (await stack.request('GET', '/health/ready')).status === 200, { what: 'readiness' });
    expect(await stack.sql('SELECT process_id FROM processes')).toEqual([{ process_id: before.body.id }]);
    expect(await stack.sql('SELECT key FROM idempotency_keys')).toEqual([]);
    // The refused start did not use up its key: sent again, it starts the process.
    const again = await retryAfter(stack, 'POST', '/api/processes/quick', {}, 'during-outage');
    expect(again.status).toBe(201);
  });
});

describe('a Redis outage (ENGINE.md 15.2, refined: 503 only for what needs Redis)', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ workflows: [quick], cuttable: { redis: true } });
  });
  afterAll(() => stack.stop());

  it('keeps serving reads and accepting starts, says Redis is down, and the start runs once Redis is back', async () => {
    stack.links.redis?.cut();
    const started = await stack.request('POST', '/api/processes/quick', {});
    expect(started.status).toBe(201);
    expect((await stack.request('GET', '/api/processes?limit=5')).status).toBe(200);
    expect((await stack.request('GET', `/api/processes/${started.body.id}`)).body.status).toBe('created');
    const ready = await stack.request('GET', '/health/ready');
    expect(ready.status).toBe(503);
    expect(ready.body.checks).toEqual({ database: true, redis: false, queues: null });
    expect(ready.body.message).toMatch(/Redis/);
    // Bull Board cannot be served without Redis.
    expectUnavailable(await retryAfter(stack, 'GET', '/admin/queues/api/queues'), /Redis/);
    // Nor the live events: the stream answers only once it reads Redis for the client.
    expectUnavailable(await retryAfter(stack, 'GET', '/api/events'), /Redis/);

    stack.links.redis?.restore();
    await stack.startWorker();
    await waitFor(
      async () => (await stack.request('GET', `/api/processes/${started.body.id}`)).body.status === 'completed',
      { what: 'the sweeper to enqueue the start made during the outage', timeoutMs: 20000 },
    );
  }, 40000);
});
