import { defineWorkflow, step } from '@orchestrator/engine';
import { startTestStack, waitFor, type TestStack } from '@orchestrator/test-stack';
import { expectError, startProcess } from './api-test-support';

// A worker runs in this file, so processes reach completed or failed.

const quickWorkflow = defineWorkflow({
  name: 'finish_workflow',
  target: 'SYSTEM',
  description: 'a workflow process that completes at once',
  steps: [step('Work', () => ({ worked: true }))],
});
const quickTask = defineWorkflow({
  name: 'finish_task',
  target: 'SYSTEM',
  description: 'a task that completes at once',
  isTask: true,
  steps: [step('Clean up', () => ({ cleaned: true }))],
});
const failingWorkflow = defineWorkflow({
  name: 'finish_failing',
  target: 'SYSTEM',
  description: 'a workflow process whose only step always fails',
  steps: [
    step('Break', () => {
      throw new Error('deliberate failure');
    }),
  ],
});

describe('finished and failed processes (with a worker)', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack({ workflows: [quickWorkflow, quickTask, failingWorkflow] });
    await stack.startWorker();
  });
  afterAll(() => stack.stop());

  const start = (workflow: string, headers: Record<string, string> = {}): Promise<string> =>
    startProcess(stack, workflow, {}, headers);
  const detail = async (id: string) => (await stack.request('GET', `/api/processes/${id}`)).body;
  const reach = (id: string, status: string) =>
    waitFor(
      async () => {
        const body = await detail(id);
        return body.status === status && body;
      },
      { timeoutMs: 25000, what: `process ${id} to be ${status}` },
    );

  it('shows a completed process with Done as its last step and no pending steps', async () => {
    const id = await start('finish_workflow');
    const body = await reach(id, 'completed');
    expect(body.steps.map((s: { name: string; status: string }) => [s.name, s.status])).toEqual([
      ['Start', 'success'],
      ['Work', 'success'],
      ['Done', 'complete'],
    ]);
    for (const row of body.steps) {
      expect(row.startedAt).toMatch(/Z$/);
      expect(row.completedAt).toMatch(/Z$/);
    }
  });

  it('refuses to resume a completed process with 409 INVALID_PROCESS_STATUS', async () => {
    const id = await start('finish_workflow');
    await reach(id, 'completed');
    expectError(await stack.request('PUT', `/api/processes/${id}/resume`), 409, 'INVALID_PROCESS_STATUS');
    expect((await detail(id)).status).toBe('completed');
  });

  it('refuses to abort a completed process with 409 INVALID_PROCESS_STATUS', async () => {
    const id = await start('finish_workflow');
    await reach(id, 'completed');
    expectError(await stack.request('PUT', `/api/processes/${id}/abort`), 409, 'INVALID_PROCESS_STATUS');
    const rows = await stack.sql('SELECT name FROM process_steps WHERE process_id = $1 ORDER BY seq', [id]);
    expect(rows.map((r) => r.name)).toEqual(['Start', 'Work', 'Done']);
  });

  it('answers resume with an array body with 400 and leaves the failed process as it was', async () => {
    const id = await start('finish_failing');
    await reach(id, 'failed');
    const before = await stack.sql('SELECT status, version FROM processes WHERE process_id = $1', [id]);
    expectError(await stack.request('PUT', `/api/processes/${id}/resume`, [{ retry: true }]), 400);
    expect(await stack.sql('SELECT status, version FROM processes WHERE process_id = $1', [id])).toEqual(before);
  });

  it('resumes a failed process with 204', async () => {
    const id = await start('finish_failing');
    await reach(id, 'failed');
    expect((await stack.request('PUT', `/api/processes/${id}/resume`)).status).toBe(204);
  });

  it('refuses to delete a completed workflow process with 400 and keeps it', async () => {
    const id = await start('finish_workflow');
    await reach(id, 'completed');
    expectError(await stack.request('DELETE', `/api/processes/${id}`), 400);
    expect((await stack.request('GET', `/api/processes/${id}`)).status).toBe(200);
  });

  it('deletes a completed task with 204 so that it is gone', async () => {
    const id = await start('finish_task', { 'Idempotency-Key': 'task-to-delete' });
    await reach(id, 'completed');
    expect((await stack.request('DELETE', `/api/processes/${id}`)).status).toBe(204);
    expectError(await stack.request('GET', `/api/processes/${id}`), 404, 'PROCESS_NOT_FOUND');
    expectError(await stack.request('DELETE', `/api/processes/${id}`), 404, 'PROCESS_NOT_FOUND');
    const left = await stack.sql(
      `SELECT (SELECT count(*)::int FROM processes WHERE process_id = $1) AS processes,
              (SELECT count(*)::int FROM process_steps WHERE process_id = $1) AS steps,
              (SELECT count(*)::int FROM input_states WHERE process_id = $1) AS inputs`,
      [id],
    );
    expect(left).toEqual([{ processes: 0, steps: 0, inputs: 0 }]);
    const listed = (await stack.request('GET', '/api/processes?workflowName=finish_task')).body.items;
    expect(listed.map((item: { id: string }) => item.id)).not.toContain(id);
  });

  it('keeps the Idempotency-Key of a deleted task, so that a repeat answers 200 with the original id', async () => {
    // ENGINE.md 8.7: keys are kept at least 24 hours and a repeat answers 200 with the original id.
    const key = 'deleted-task-key';
    const id = await start('finish_task', { 'Idempotency-Key': key });
    await reach(id, 'completed');
    expect((await stack.request('DELETE', `/api/processes/${id}`)).status).toBe(204);
    const repeat = await stack.request('POST', '/api/processes/finish_task', {}, { 'Idempotency-Key': key });
    expect(repeat).toEqual({ status: 200, body: { id } });
  });
});
