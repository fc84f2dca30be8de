import { defineWorkflow, step } from '@orchestrator/engine';
import { startTestStack, type TestStack } from '@orchestrator/test-stack';

const noop = defineWorkflow({
  name: 'noop',
  target: 'SYSTEM',
  description: 'nothing',
  steps: [step('Nothing', () => undefined)],
});

const basic = (key: string) => ({ authorization: `Basic ${Buffer.from(`anyone:${key}`).toString('base64')}` });

describe('Bull Board', () => {
  let stack: TestStack;
  let readerKey: string;
  beforeAll(async () => {
    stack = await startTestStack({ workflows: [noop] });
    readerKey = String((await stack.as('dashboard', 'read')).authorization).slice('Bearer '.length);
    // A job waits: no worker runs in this file.
    await stack.request('POST', '/api/processes/noop', {});
  });
  afterAll(() => stack.stop());

  const waitingJobs = async (): Promise<number> => {
    const res = await stack.request('GET', '/admin/queues/api/queues');
    return (res.body.queues as { counts: Record<string, number> }[])[0]?.counts.waiting ?? -1;
  };

  it('asks a browser for credentials: 401 with a Bearer and a Basic challenge', async () => {
    const page = await fetch(`${stack.baseUrl}/admin/queues`);
    expect(page.status).toBe(401);
    expect(page.headers.get('www-authenticate')).toBe('Bearer realm="orchestrator", Basic realm="orchestrator"');
    expect(await page.text()).not.toContain('<html');
  });

  it('serves its page to a read key given as the Basic password', async () => {
    const page = await fetch(`${stack.baseUrl}/admin/queues`, { headers: basic(readerKey) });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
  });

  it('shows the step queue, read-only, with the job a start without workers left waiting', async () => {
    const res = await stack.request('GET', '/admin/queues/api/queues', undefined, basic(readerKey));
    expect(res.status).toBe(200);
    const queues = res.body.queues as { name: string; readOnlyMode: boolean; counts: Record<string, number> }[];
    expect(queues.map((q) => ({ name: q.name, readOnlyMode: q.readOnlyMode }))).toEqual([
      { name: 'steps', readOnlyMode: true },
    ]);
    expect(queues[0]?.counts.waiting).toBe(1);
  });

  it.each([
    ['PUT', '/admin/queues/api/queues/steps/retry/failed'],
    ['PUT', '/admin/queues/api/queues/steps/promote'],
    ['PUT', '/admin/queues/api/queues/steps/clean/waiting'],
    ['PUT', '/admin/queues/api/queues/steps/empty'],
    ['PUT', '/admin/queues/api/queues/pause'],
    ['DELETE', '/admin/queues/api/queues/steps/some-job'],
    ['POST', '/admin/queues/api/queues/steps/add'],
  ])('refuses %s %s even to an admin, and the queue keeps its job', async (method, path) => {
    const res = await stack.request(method, path, {});
    expect(res.status).toBe(403);
    expect(res.body.error).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('read-only') });
    expect(await waitingJobs()).toBe(1);
  });
});
