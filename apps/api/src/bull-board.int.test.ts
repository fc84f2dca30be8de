import { defineWorkflow, step } from '@orchestrator/engine';
import { startTestStack, type TestStack } from '@orchestrator/test-stack';

const noop = defineWorkflow({
  name: 'noop',
  target: 'SYSTEM',
  description: 'nothing',
  steps: [step('Nothing', () => undefined)],
});

describe('Bull Board', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ workflows: [noop] });
  });
  afterAll(() => stack.stop());

  it('serves its page at /admin/queues', async () => {
    const page = await fetch(`${stack.baseUrl}/admin/queues`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
  });

  it('shows the step queue with a job waiting after a start without workers', async () => {
    await stack.request('POST', '/api/processes/noop', {});
    const res = await stack.request('GET', '/admin/queues/api/queues');
    expect(res.status).toBe(200);
    const queues = res.body.queues as { name: string; counts: Record<string, number> }[];
    expect(queues.map((q) => q.name)).toEqual(['steps']);
    expect(queues[0]?.counts.waiting).toBe(1);
  });
});
