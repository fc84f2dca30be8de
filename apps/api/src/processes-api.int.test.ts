import { startTestStack, type TestStack } from '@orchestrator/test-stack';
import { expectOk } from '@orchestrator/client';
import {
  answerOf,
  expectErrorWithoutStack as expectError,
  noWorkerHelpers,
  noWorkerWorkflows,
} from './api-test-support';

// No worker runs in this file: every process stays where the API left it (`created`, or `aborted`). It talks
// to the API through the typed client (@orchestrator/client), as the CLI and the UI do.

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

describe('process detail and commands without a worker', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack({ workflows: noWorkerWorkflows });
  });
  afterAll(() => stack.stop());

  const { counts, start } = noWorkerHelpers(() => stack);
  const at = (id: string) => ({ params: { path: { id } } });
  let c: TestStack['client'];
  beforeAll(() => {
    c = stack.client;
  });

  describe('unknown and malformed process ids', () => {
    const ids = [
      '00000000-0000-4000-8000-000000000000',
      'not-a-uuid',
      '12345',
      '00000000-0000-4000-8000-0000000000001',
    ];
    const path = (id: string) => ({ params: { path: { id } } });
    const calls: [string, (id: string) => Promise<{ response: Response }>][] = [
      ['GET /api/processes/{id}', (id) => stack.client.GET('/api/processes/{id}', path(id))],
      ['PUT /api/processes/{id}/resume', (id) => stack.client.PUT('/api/processes/{id}/resume', path(id))],
      ['PUT /api/processes/{id}/abort', (id) => stack.client.PUT('/api/processes/{id}/abort', path(id))],
      ['DELETE /api/processes/{id}', (id) => stack.client.DELETE('/api/processes/{id}', path(id))],
      [
        'PATCH /api/processes/{id}',
        (id) => stack.client.PATCH('/api/processes/{id}', { ...path(id), body: { note: 'x' } }),
      ],
    ];
    for (const [name, call] of calls) {
      it(`answers ${name} with 404 PROCESS_NOT_FOUND for unknown and malformed ids`, async () => {
        const before = await counts();
        for (const id of ids) expectError(answerOf(await call(id)), 404, 'PROCESS_NOT_FOUND');
        expect(await counts()).toEqual(before);
      });
    }
  });

  describe('detail', () => {
    it('shows every detail field and lists all steps, Start and Done included, as pending before a worker runs', async () => {
      const id = await start('api_greet', { name: 'Grace' }, await stack.as('bob'));
      const detail = expectOk(await stack.client.GET('/api/processes/{id}', { params: { path: { id } } }));
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
      const body = expectOk(await stack.client.GET('/api/processes/{id}', { params: { path: { id } } }));
      expect(body.startedAt).toMatch(ISO_UTC);
      expect(body.lastModifiedAt).toMatch(ISO_UTC);
      expect(Math.abs(Date.parse(body.startedAt) - Date.now())).toBeLessThan(10 * 60 * 1000);
    });
  });

  describe('abort', () => {
    it('aborts a created process with 204 and logs a last User Aborted row by the caller', async () => {
      const id = await start('api_greet', { name: 'Linus' });
      const carol = await stack.clientAs('carol');
      const res = answerOf(await carol.PUT('/api/processes/{id}/abort', { params: { path: { id } } }));
      expect(res.status).toBe(204);
      const body = expectOk(await stack.client.GET('/api/processes/{id}', { params: { path: { id } } }));
      expect(body.status).toBe('aborted');
      expect(body.lastStep).toBe('User Aborted');
      const last = body.steps[body.steps.length - 1]!;
      expect(last).toMatchObject({
        name: 'User Aborted',
        status: 'abort',
        createdBy: 'carol',
        state: { name: 'Linus', count: 1 },
      });
      expect(last.status === 'pending' ? null : last.startedAt).toMatch(ISO_UTC);
      expect(last.status === 'pending' ? null : last.completedAt).toMatch(ISO_UTC);
      expect(body.steps.filter((s) => s.status === 'pending')).toEqual([]);
    });

    it('refuses to abort an aborted process with 409 INVALID_PROCESS_STATUS and logs nothing more', async () => {
      const id = await start();
      expect(answerOf(await c.PUT('/api/processes/{id}/abort', at(id))).status).toBe(204);
      expectError(answerOf(await c.PUT('/api/processes/{id}/abort', at(id))), 409, 'INVALID_PROCESS_STATUS');
      const rows = await stack.sql('SELECT name FROM process_steps WHERE process_id = $1', [id]);
      expect(rows).toEqual([{ name: 'User Aborted' }]);
    });
  });

  describe('resume', () => {
    it('refuses to resume a created process with 409 INVALID_PROCESS_STATUS', async () => {
      const id = await start();
      expectError(answerOf(await c.PUT('/api/processes/{id}/resume', at(id))), 409, 'INVALID_PROCESS_STATUS');
      expect(answerOf(await c.GET('/api/processes/{id}', at(id))).body.status).toBe('created');
    });

    it('refuses to resume an aborted process with 409 INVALID_PROCESS_STATUS', async () => {
      const id = await start();
      expect(answerOf(await c.PUT('/api/processes/{id}/abort', at(id))).status).toBe(204);
      expectError(
        answerOf(await c.PUT('/api/processes/{id}/resume', { ...at(id), body: {} })),
        409,
        'INVALID_PROCESS_STATUS',
      );
      expect(answerOf(await c.GET('/api/processes/{id}', at(id))).body.status).toBe('aborted');
    });
  });

  describe('delete', () => {
    it('refuses to delete a workflow process with 400 and keeps it', async () => {
      const id = await start('api_greet', { name: 'audit' });
      expectError(answerOf(await c.DELETE('/api/processes/{id}', at(id))), 400);
      expect(answerOf(await c.GET('/api/processes/{id}', at(id))).status).toBe(200);
    });

    it('refuses to delete an unfinished task with 409 INVALID_PROCESS_STATUS and keeps it', async () => {
      const id = await start('api_cleanup_task');
      expectError(answerOf(await c.DELETE('/api/processes/{id}', at(id))), 409, 'INVALID_PROCESS_STATUS');
      expect(answerOf(await c.GET('/api/processes/{id}', at(id))).status).toBe(200);
    });
  });
});
