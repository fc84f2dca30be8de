import { defineWorkflow, step } from '@orchestrator/engine';
import { processWhen, startTestStack, type TestStack } from '@orchestrator/test-stack';
import { cleanUpTasks } from '@orchestrator/workflows';
import { expectError } from './api-test-support';

// What a read role sees of a failure, and who may start a task that deletes records.

class InventoryError extends Error {
  override name = 'InventoryError';
}
const failing = defineWorkflow({
  name: 'see_failing',
  target: 'SYSTEM',
  description: 'fails with a stack',
  steps: [
    step('Call inventory', () => {
      throw new InventoryError('inventory refused the port');
    }),
  ],
});

describe('what each role sees and may start', () => {
  let stack: TestStack;
  let reader: Record<string, string>;
  let operator: Record<string, string>;
  let failedId: string;
  beforeAll(async () => {
    stack = await startTestStack({ workflows: [failing, cleanUpTasks] });
    await stack.startWorker();
    reader = await stack.as('noc-dashboard', 'read');
    operator = await stack.as('noc-operator', 'operate');
    failedId = (await stack.request('POST', '/api/processes/see_failing', {})).body.id as string;
    await processWhen(stack, failedId, 'failed');
  });
  afterAll(() => stack.stop());

  const failedStep = (detail: { steps: { status: string; error: unknown }[] }) =>
    detail.steps.find((s) => s.status === 'failed')?.error as Record<string, unknown>;

  it("shows a reader a failed step's error class and message, without the stack or the traceback", async () => {
    const detail = (await stack.request('GET', `/api/processes/${failedId}`, undefined, reader)).body;
    expect(detail).toMatchObject({
      status: 'failed',
      failedReason: expect.stringContaining('inventory refused the port'),
    });
    expect(detail.traceback).toBeNull();
    expect(failedStep(detail)).toMatchObject({
      class: 'InventoryError',
      message: 'inventory refused the port',
      stack: null,
    });
    expect(JSON.stringify(detail)).not.toMatch(/\.ts:\d+|\/work\/|node_modules|\n\s+at /);
    const listed = (await stack.request('GET', '/api/processes?status=failed', undefined, reader)).body.items;
    expect(listed.map((item: { traceback: unknown }) => item.traceback)).toEqual([null]);
  });

  it('shows operators and admins the stack and the traceback whole', async () => {
    for (const headers of [operator, stack.adminHeaders]) {
      const detail = (await stack.request('GET', `/api/processes/${failedId}`, undefined, headers)).body;
      expect(detail.traceback).toContain('InventoryError: inventory refused the port');
      expect(failedStep(detail).stack).toEqual(expect.stringContaining('at '));
    }
  });

  it('lets only admins start the task that deletes task records, and never with a retention under a day', async () => {
    const refused = await stack.request('POST', '/api/processes/task_clean_up_tasks', {}, operator);
    expectError(refused, 403, 'FORBIDDEN');
    expect(refused.body.error.message).toContain('admins only');
    expectError(
      await stack.request('POST', '/api/processes/task_clean_up_tasks', { olderThanDays: 0 }),
      400,
      'VALIDATION_FAILED',
    );
    const started = await stack.request('POST', '/api/processes/task_clean_up_tasks', { olderThanDays: 1 });
    expect(started.status).toBe(201);
    await processWhen(stack, started.body.id as string, 'completed');
  });
});
