import { defineWorkflow, step } from '@orchestrator/engine';
import { startTestStack, waitFor, type TestStack } from '@orchestrator/test-stack';

let upstreamDown = true;

const upstream = () => {
  if (upstreamDown) throw Object.assign(new Error('inventory unavailable'), { status: 503 });
  return { synced: true };
};
const syncTask = defineWorkflow({
  name: 'sync_inventory',
  target: 'SYSTEM',
  description: 'a task that needs the inventory',
  isTask: true,
  steps: [step('Sync', upstream)],
});
const syncWorkflow = defineWorkflow({
  name: 'sync_customer',
  target: 'SYSTEM',
  description: 'a workflow that needs the inventory',
  steps: [step('Sync', upstream)],
});

describe('PUT /api/processes/resume-all', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ workflows: [syncTask, syncWorkflow] });
    await stack.startWorker();
  });
  afterAll(() => stack.stop());

  const statusOf = async (id: string) => (await stack.request('GET', `/api/processes/${id}`)).body.status as string;

  it('resumes every stuck task once, leaves workflow processes alone, and refuses a concurrent call', async () => {
    const tasks = await Promise.all(
      [1, 2, 3].map(async () => (await stack.request('POST', '/api/processes/sync_inventory', {})).body.id as string),
    );
    const workflow = (await stack.request('POST', '/api/processes/sync_customer', {})).body.id as string;
    for (const id of tasks)
      await waitFor(async () => (await statusOf(id)) === 'api_unavailable', { what: `${id} to fail` });
    await waitFor(async () => (await statusOf(workflow)) === 'failed', { what: 'the workflow process to fail' });

    upstreamDown = false;
    const ops = await stack.as('ops');
    const answers = await Promise.all(
      [1, 2, 3, 4].map(() => stack.request('PUT', '/api/processes/resume-all', undefined, ops)),
    );
    for (const answer of answers) {
      if (answer.status === 409) expect(answer.body.error.code).toBe('RESUME_ALL_IN_PROGRESS');
      else expect(answer.status).toBe(200);
    }
    const counts = answers.filter((a) => a.status === 200).map((a) => a.body.count as number);
    expect(counts.reduce((sum, n) => sum + n, 0)).toBe(3);
    expect(counts.filter((n) => n > 0)).toEqual([3]);

    for (const id of tasks)
      await waitFor(async () => (await statusOf(id)) === 'completed', { what: `${id} to complete` });
    expect(await statusOf(workflow)).toBe('failed');
    const rows = await stack.sql<{ created_by: string }>(
      `SELECT created_by FROM process_steps WHERE process_id = ANY($1::uuid[]) AND status = 'success' AND name = 'Sync'`,
      [tasks],
    );
    expect(rows).toEqual([{ created_by: 'ops' }, { created_by: 'ops' }, { created_by: 'ops' }]);
  }, 30000);

  it('answers 503 while the engine is paused', async () => {
    await stack.request('PUT', '/api/settings/status', { globalLock: true });
    const res = await stack.request('PUT', '/api/processes/resume-all');
    await stack.request('PUT', '/api/settings/status', { globalLock: false });
    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe('ENGINE_PAUSED');
  });
});
