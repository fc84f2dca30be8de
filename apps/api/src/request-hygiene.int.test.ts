import { gzipSync } from 'node:zlib';
import { z } from 'zod';
import { defineWorkflow, step } from '@orchestrator/engine';
import { startTestStack, type TestStack } from '@orchestrator/test-stack';

const free = defineWorkflow({
  name: 'free_input',
  target: 'SYSTEM',
  description: 'no schema',
  steps: [step('A', () => undefined)],
});
const typed = defineWorkflow({
  name: 'typed_input',
  target: 'SYSTEM',
  description: 'schema',
  input: z.object({ note: z.string() }),
  steps: [step('A', () => undefined)],
});

describe('requests a client got wrong are 4xx and write nothing', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ workflows: [free, typed] });
  });
  afterAll(() => stack.stop());
  afterEach(async () => {
    expect(await stack.sql('SELECT count(*)::int AS n FROM processes')).toEqual([{ n: 0 }]);
  });

  const post = (body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
    stack.rawRequest('POST', '/api/processes/free_input', { body, headers });

  it('answers a malformed URI with 400', async () => {
    const res = await stack.request('GET', '/api/processes/%E0%A4%A');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('BAD_REQUEST');
  });

  it('answers a body that is not JSON with 415', async () => {
    const res = await post('name=world', { 'content-type': 'text/plain' });
    expect(res.status).toBe(415);
    expect(res.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('answers a bare JSON string with VALIDATION_FAILED', async () => {
    const res = await post('"hello"');
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'VALIDATION_FAILED', message: 'request body must be a JSON object' });
  });

  it.each([
    ['a NUL character', '{"a":{"b":"x\\u0000y"}}', 'a.b'],
    ['a lone surrogate', '{"list":["\\ud800"]}', 'list.0'],
  ])('answers text with %s with VALIDATION_FAILED naming its path', async (_what, body, path) => {
    const res = await post(body);
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([{ path, message: 'contains a NUL character or a lone UTF-16 surrogate' }]);
  });

  it('answers a body nested thousands of levels deep with VALIDATION_FAILED', async () => {
    const res = await post(`${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
  });

  it('answers a corrupt gzip body with 400', async () => {
    const zipped = gzipSync(Buffer.from('{"a":1}')).subarray(0, 10);
    const res = await fetch(`${stack.baseUrl}/api/processes/free_input`, {
      method: 'POST',
      body: zipped,
      headers: { ...stack.adminHeaders, 'content-type': 'application/json', 'content-encoding': 'gzip' },
    });
    expect(res.status).toBe(400);
  });

  it('answers a cursor from before 1970 with INVALID_CURSOR', async () => {
    const cursor = Buffer.from(
      JSON.stringify(['-271821-04-20T00:00:00.000Z', '0b7c8a4e-1111-4222-8333-444455556666']),
    ).toString('base64url');
    const res = await stack.request('GET', `/api/processes?cursor=${cursor}`);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('INVALID_CURSOR');
  });
});

describe('requests at the edges that are fine', () => {
  let stack: TestStack;
  beforeAll(async () => {
    // Without authentication (AUTH_DISABLED): X-User names the acting user, the case of the first test.
    stack = await startTestStack({
      workflows: [free, typed],
      config: { auth: { disabled: true, adminApiKey: null, oidc: null } },
    });
  });
  afterAll(() => stack.stop());

  it('stores a UTF-8 X-User as sent when authentication is disabled', async () => {
    const res = await fetch(`${stack.baseUrl}/api/processes/typed_input`, {
      method: 'POST',
      body: JSON.stringify({ note: 'ünïcödé ✓' }),
      headers: { 'content-type': 'application/json', 'x-user': Buffer.from('José Ñúñez', 'utf8').toString('latin1') },
    });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    const detail = await stack.request('GET', `/api/processes/${id}`);
    expect(detail.body).toMatchObject({ createdBy: 'José Ñúñez', currentState: { note: 'ünïcödé ✓' } });
  });

  it('filters by subscription: no process is linked to one before subscriptions exist', async () => {
    await stack.request('POST', '/api/processes/free_input', {});
    const res = await stack.request('GET', '/api/processes?subscriptionId=0b7c8a4e-1111-4222-8333-444455556666');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ items: [], nextCursor: null, total: 0, totalIsEstimate: false });
    expect((await stack.request('GET', '/api/processes?subscriptionId=nope')).status).toBe(400);
  });
});
