import { startTestStack, type TestStack } from '@orchestrator/test-stack';
import { expectErrorWithoutStack as expectError, noWorkerHelpers, noWorkerWorkflows } from './api-test-support';

// No worker runs in this file: every process stays where the API left it (`created`, or `aborted`).

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

describe('process detail and commands without a worker', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack({ workflows: noWorkerWorkflows });
  });
  afterAll(() => stack.stop());

  const { counts, start } = noWorkerHelpers(() => stack);

  describe('unknown and malformed process ids', () => {
    const ids = [
      '00000000-0000-4000-8000-000000000000',
      'not-a-uuid',
      '12345',
      '00000000-0000-4000-8000-0000000000001',
    ];
    const calls: [string, (id: string) => string][] = [
      ['GET', (id) => `/api/processes/${id}`],
      ['PUT', (id) => `/api/processes/${id}/resume`],
      ['PUT', (id) => `/api/processes/${id}/abort`],
      ['DELETE', (id) => `/api/processes/${id}`],
    ];
    for (const [method, path] of calls) {
      it(`answers ${method} ${path(':id')} with 404 PROCESS_NOT_FOUND for unknown and malformed ids`, async () => {
        const before = await counts();
        for (const id of ids) expectError(await stack.request(method, path(id)), 404, 'PROCESS_NOT_FOUND');
        expect(await counts()).toEqual(before);
      });
    }
  });

  describe('detail', () => {
    it('shows every detail field and lists all steps, Start and Done included, as pending before a worker runs', async () => {
      const id = await start('api_greet', { name: 'Grace' }, await stack.as('bob'));
      const res = await stack.request('GET', `/api/processes/${id}`);
      expect(res.status).toBe(200);
      const detail = res.body;
      for (const field of [
        'id',
        'workflowName',
        'workflowTarget',
        'isTask',
        'status',
        'lastStep',
        'assignee',
        'failedReason',
        'traceback',
        'createdBy',
        'startedAt',
        'lastModifiedAt',
        'note',
        'subscriptionIds',
        'currentState',
        'form',
        'steps',
      ]) {
        expect(detail).toHaveProperty(field);
      }
      expect(detail).toMatchObject({
        id,
        workflowName: 'api_greet',
        workflowTarget: 'CREATE',
        isTask: false,
        status: 'created',
        failedReason: null,
        traceback: null,
        createdBy: 'bob',
        subscriptionIds: [],
        currentState: { name: 'Grace', count: 1 },
        form: null,
      });
      expect(typeof detail.assignee).toBe('string');
      expect(detail.steps).toEqual([
        { name: 'Start', status: 'pending' },
        { name: 'Say hello', status: 'pending' },
        { name: 'Wave', status: 'pending' },
        { name: 'Done', status: 'pending' },
      ]);
    });

    it('gives timestamps as ISO-8601 UTC strings', async () => {
      const id = await start();
      const { body } = await stack.request('GET', `/api/processes/${id}`);
      expect(body.startedAt).toMatch(ISO_UTC);
      expect(body.lastModifiedAt).toMatch(ISO_UTC);
      expect(Math.abs(Date.parse(body.startedAt) - Date.now())).toBeLessThan(10 * 60 * 1000);
    });
  });

  describe('abort', () => {
    it('aborts a created process with 204 and logs a last User Aborted row by the caller', async () => {
      const id = await start('api_greet', { name: 'Linus' });
      const res = await stack.request('PUT', `/api/processes/${id}/abort`, undefined, await stack.as('carol'));
      expect(res.status).toBe(204);
      const { body } = await stack.request('GET', `/api/processes/${id}`);
      expect(body.status).toBe('aborted');
      expect(body.lastStep).toBe('User Aborted');
      const last = body.steps[body.steps.length - 1];
      expect(last).toMatchObject({
        name: 'User Aborted',
        status: 'abort',
        createdBy: 'carol',
        state: { name: 'Linus', count: 1 },
      });
      expect(last.startedAt).toMatch(ISO_UTC);
      expect(last.completedAt).toMatch(ISO_UTC);
      expect(body.steps.filter((s: { status: string }) => s.status === 'pending')).toEqual([]);
    });

    it('refuses to abort an aborted process with 409 INVALID_PROCESS_STATUS and logs nothing more', async () => {
      const id = await start();
      expect((await stack.request('PUT', `/api/processes/${id}/abort`)).status).toBe(204);
      expectError(await stack.request('PUT', `/api/processes/${id}/abort`), 409, 'INVALID_PROCESS_STATUS');
      const rows = await stack.sql('SELECT name FROM process_steps WHERE process_id = $1', [id]);
      expect(rows).toEqual([{ name: 'User Aborted' }]);
    });
  });

  describe('resume', () => {
    it('refuses to resume a created process with 409 INVALID_PROCESS_STATUS', async () => {
      const id = await start();
      expectError(await stack.request('PUT', `/api/processes/${id}/resume`), 409, 'INVALID_PROCESS_STATUS');
      expect((await stack.request('GET', `/api/processes/${id}`)).body.status).toBe('created');
    });

    it('refuses to resume an aborted process with 409 INVALID_PROCESS_STATUS', async () => {
      const id = await start();
      expect((await stack.request('PUT', `/api/processes/${id}/abort`)).status).toBe(204);
      expectError(await stack.request('PUT', `/api/processes/${id}/resume`, {}), 409, 'INVALID_PROCESS_STATUS');
      expect((await stack.request('GET', `/api/processes/${id}`)).body.status).toBe('aborted');
    });
  });

  describe('delete', () => {
    it('refuses to delete a workflow process with 400 and keeps it', async () => {
      const id = await start('api_greet', { name: 'audit' });
      expectError(await stack.request('DELETE', `/api/processes/${id}`), 400);
      expect((await stack.request('GET', `/api/processes/${id}`)).status).toBe(200);
    });

    it('refuses to delete an unfinished task with 409 INVALID_PROCESS_STATUS and keeps it', async () => {
      const id = await start('api_cleanup_task');
      expectError(await stack.request('DELETE', `/api/processes/${id}`), 409, 'INVALID_PROCESS_STATUS');
      expect((await stack.request('GET', `/api/processes/${id}`)).status).toBe(200);
    });
  });
});
