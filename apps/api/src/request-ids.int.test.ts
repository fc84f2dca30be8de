import { defineWorkflow, step } from '@orchestrator/engine';
import { startTestStack, type TestStack } from '@orchestrator/test-stack';

// ENGINE.md 12.3: the X-Request-Id of a request, in its answer and in every log line it causes.

describe('request ids', () => {
  let stack: TestStack;
  const lines: Record<string, unknown>[] = [];

  beforeAll(async () => {
    stack = await startTestStack({
      workflows: [
        defineWorkflow({
          name: 'ids_plain',
          target: 'SYSTEM',
          description: 'one step',
          steps: [step('One', () => ({}))],
        }),
      ],
      config: { logLevel: 'info' },
      logDestination: { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) },
    });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('echo the request id a client sends, and put it in the log lines of that request', async () => {
    const res = await fetch(`${stack.baseUrl}/api/settings/status`, {
      method: 'PUT',
      headers: { ...stack.adminHeaders, 'content-type': 'application/json', 'x-request-id': 'noc-7f3a' },
      body: JSON.stringify({ globalLock: true }),
    });
    expect(res.headers.get('x-request-id')).toBe('noc-7f3a');
    await stack.request('PUT', '/api/settings/status', { globalLock: false });
    const paused = lines.find((line) => line.msg === 'engine paused');
    expect(paused).toMatchObject({ requestId: 'noc-7f3a', globalLock: true });
    expect(lines.find((line) => line.msg === 'engine unpaused')?.requestId).not.toBe('noc-7f3a');
  });

  it('make one up when the request has none, or one that is not a short printable token', async () => {
    const none = await fetch(`${stack.baseUrl}/health/live`);
    expect(none.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const tooLong = await fetch(`${stack.baseUrl}/health/live`, { headers: { 'x-request-id': 'x'.repeat(200) } });
    expect(tooLong.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const error = await fetch(`${stack.baseUrl}/api/processes/not-a-uuid`, {
      headers: { ...stack.adminHeaders, 'x-request-id': 'abc' },
    });
    expect(error.status).toBe(404);
    expect(error.headers.get('x-request-id')).toBe('abc');
  });

  it('leave the request id out of lines that belong to no request', async () => {
    const started = lines.find(
      (line) => line.msg === 'API listening on http://localhost:' + new URL(stack.baseUrl).port,
    );
    expect(started).toBeDefined();
    expect(started).not.toHaveProperty('requestId');
  });
});
