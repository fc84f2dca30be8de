import { startTestStack, type TestStack } from '@orchestrator/test-stack';
import { UUID, expectErrorWithoutStack as expectError, noWorkerHelpers, noWorkerWorkflows } from './api-test-support';

// No worker runs in this file: every process stays where the API left it (`created`, or `aborted`).

describe('starting processes', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack({ workflows: noWorkerWorkflows });
  });
  afterAll(() => stack.stop());

  const { counts, start } = noWorkerHelpers(() => stack);

  describe('start', () => {
    it('answers 201 with the id and writes a created process with its parsed input as initial_state', async () => {
      const res = await stack.request('POST', '/api/processes/api_greet', { name: 'Ada' });
      expect(res.status).toBe(201);
      expect(res.body).toEqual({ id: expect.stringMatching(UUID) });
      const id = res.body.id as string;

      const processes = await stack.sql(
        'SELECT workflow_name, status, state, is_task FROM processes WHERE process_id = $1',
        [id],
      );
      expect(processes).toEqual([
        { workflow_name: 'api_greet', status: 'created', state: { name: 'Ada', count: 1 }, is_task: false },
      ]);
      const inputs = await stack.sql('SELECT input_type, state FROM input_states WHERE process_id = $1', [id]);
      expect(inputs).toEqual([{ input_type: 'initial_state', state: { name: 'Ada', count: 1 } }]);
    });

    it("stores the API key's name as createdBy, and ignores X-User", async () => {
      const id = await start('api_freeform', {}, { ...(await stack.as('alice')), 'X-User': 'mallory' });
      expect((await stack.request('GET', `/api/processes/${id}`)).body.createdBy).toBe('alice');
      expect(await stack.sql('SELECT created_by FROM processes WHERE process_id = $1', [id])).toEqual([
        { created_by: 'alice' },
      ]);
    });

    it('stores admin as createdBy for a start with ADMIN_API_KEY', async () => {
      const id = await start();
      expect((await stack.request('GET', `/api/processes/${id}`)).body.createdBy).toBe('admin');
    });

    it('answers a repeated Idempotency-Key with 200 and the original id whatever the body', async () => {
      const key = 'repeat-key-1';
      const first = await stack.request(
        'POST',
        '/api/processes/api_greet',
        { name: 'first' },
        { 'Idempotency-Key': key },
      );
      expect(first.status).toBe(201);
      const before = await counts();
      const again = await stack.request(
        'POST',
        '/api/processes/api_greet',
        { name: 'first' },
        { 'Idempotency-Key': key },
      );
      const otherBody = await stack.request(
        'POST',
        '/api/processes/api_greet',
        { name: 'second', count: 7 },
        { 'Idempotency-Key': key },
      );
      expect(again).toEqual({ status: 200, body: { id: first.body.id } });
      expect(otherBody).toEqual({ status: 200, body: { id: first.body.id } });
      expect(await counts()).toEqual(before);
      const state = await stack.sql('SELECT state FROM processes WHERE process_id = $1', [first.body.id]);
      expect(state).toEqual([{ state: { name: 'first', count: 1 } }]);
    });

    it('creates exactly one process for 10 concurrent requests with one Idempotency-Key', async () => {
      const before = await counts();
      const key = 'concurrent-key';
      const responses = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          stack.request('POST', '/api/processes/api_freeform', { attempt: i }, { 'Idempotency-Key': key }),
        ),
      );
      expect(responses.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 201]);
      const ids = new Set(responses.map((r) => r.body.id as string));
      expect(ids.size).toBe(1);
      const after = await counts();
      expect(after).toEqual({ processes: before.processes + 1, inputs: before.inputs + 1, keys: before.keys + 1 });
      expect(await stack.sql('SELECT process_id FROM idempotency_keys WHERE key = $1', [key])).toEqual([
        { process_id: [...ids][0] },
      ]);
    });

    it('accepts a JSON body under 1 MB', async () => {
      const res = await stack.request('POST', '/api/processes/api_freeform', { pad: 'x'.repeat(900 * 1024) });
      expect(res.status).toBe(201);
    });

    it('does not use up the Idempotency-Key on a request rejected by validation', async () => {
      const key = 'rejected-first';
      const rejected = await stack.request(
        'POST',
        '/api/processes/api_greet',
        { name: 42 },
        { 'Idempotency-Key': key },
      );
      expectError(rejected, 400, 'VALIDATION_FAILED');
      const unknown = await stack.request('POST', '/api/processes/no_such_workflow', {}, { 'Idempotency-Key': key });
      expectError(unknown, 404, 'WORKFLOW_NOT_FOUND');
      const accepted = await stack.request(
        'POST',
        '/api/processes/api_greet',
        { name: 'ok' },
        { 'Idempotency-Key': key },
      );
      expect(accepted.status).toBe(201);
      const repeated = await stack.request(
        'POST',
        '/api/processes/api_greet',
        { name: 'ok' },
        { 'Idempotency-Key': key },
      );
      expect(repeated).toEqual({ status: 200, body: { id: accepted.body.id } });
    });
  });

  describe('bad input writes nothing and gets the standard error body', () => {
    let before: Awaited<ReturnType<typeof counts>>;
    beforeEach(async () => {
      before = await counts();
    });
    afterEach(async () => {
      expect(await counts()).toEqual(before);
    });

    it('answers malformed JSON with 400 MALFORMED_JSON', async () => {
      const res = await stack.rawRequest('POST', '/api/processes/api_freeform', {
        body: '{"name": "Ada",',
        headers: { 'content-type': 'application/json' },
      });
      expectError(res, 400, 'MALFORMED_JSON');
    });

    it('answers a body over 1 MB with 413 PAYLOAD_TOO_LARGE', async () => {
      const body = JSON.stringify({ name: 'big', pad: 'x'.repeat(1024 * 1024 + 1024) });
      const res = await stack.rawRequest('POST', '/api/processes/api_freeform', {
        body,
        headers: { 'content-type': 'application/json' },
      });
      expectError(res, 413, 'PAYLOAD_TOO_LARGE');
    });

    it('answers input of the wrong types with 400 VALIDATION_FAILED and dotted paths in details', async () => {
      const res = await stack.request('POST', '/api/processes/api_greet', { name: 'Ada', a: { b: 'not a number' } });
      expectError(res, 400, 'VALIDATION_FAILED');
      expect(res.body.error.details).toEqual([{ path: 'a.b', message: expect.any(String) }]);
      expect(res.body.error.details[0].message.length).toBeGreaterThan(0);
    });

    it('reports every invalid field of the input in details', async () => {
      const res = await stack.request('POST', '/api/processes/api_greet', { count: 'many' });
      expectError(res, 400, 'VALIDATION_FAILED');
      const paths = (res.body.error.details as { path: string }[]).map((d) => d.path).sort();
      expect(paths).toEqual(['count', 'name']);
    });

    it('answers a JSON array body with 400', async () => {
      expectError(await stack.request('POST', '/api/processes/api_freeform', [{ name: 'Ada' }]), 400);
      expectError(await stack.request('POST', '/api/processes/api_greet', [{ name: 'Ada' }]), 400);
    });

    it('answers an unknown workflow with 404 WORKFLOW_NOT_FOUND', async () => {
      expectError(await stack.request('POST', '/api/processes/no_such_workflow', {}), 404, 'WORKFLOW_NOT_FOUND');
    });
  });
});
