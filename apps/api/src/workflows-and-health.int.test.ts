import { expectOk } from '@orchestrator/client';
import { defineWorkflow, step, workflowVersion } from '@orchestrator/engine';
import { startTestStack, type TestStack } from '@orchestrator/test-stack';
import { expectError, freeformWorkflow, greetInput, oneStepWorkflow } from './api-test-support';

const withInput = defineWorkflow({
  name: 'wf_with_input',
  target: 'CREATE',
  description: 'has an input schema',
  input: greetInput,
  steps: [step('Say hello', () => ({})), step('Wave', () => ({}))],
});
const withoutInput = freeformWorkflow('wf_without_input');
const task = oneStepWorkflow('wf_task', 'a task', 'Clean up', { isTask: true });

describe('workflows, health and unknown routes', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack({ workflows: [withInput, withoutInput, task] });
  });
  afterAll(() => stack.stop());

  it('lists workflows with name, target, description, isTask, steps from Start to Done and a null inputSchema', async () => {
    const workflows = expectOk(await stack.client.GET('/api/workflows'));
    const byName = new Map(workflows.map((w) => [w.name, w]));
    expect(byName.get('wf_without_input')).toEqual({
      name: 'wf_without_input',
      target: 'SYSTEM',
      description: 'takes any object as input',
      isTask: false,
      steps: ['Start', 'Only step', 'Done'],
      version: workflowVersion(withoutInput),
      branches: {},
      inputSchema: null,
      processesOnOlderVersions: 0,
    });
    expect(byName.get('wf_task')).toEqual({
      name: 'wf_task',
      target: 'SYSTEM',
      description: 'a task',
      isTask: true,
      steps: ['Start', 'Clean up', 'Done'],
      version: workflowVersion(task),
      branches: {},
      inputSchema: null,
      processesOnOlderVersions: 0,
    });
  });

  it('lists the input schema of a workflow as a JSON Schema object', async () => {
    const workflow = expectOk(await stack.client.GET('/api/workflows')).find((w) => w.name === 'wf_with_input');
    expect(workflow).toMatchObject({
      name: 'wf_with_input',
      target: 'CREATE',
      description: 'has an input schema',
      isTask: false,
      steps: ['Start', 'Say hello', 'Wave', 'Done'],
    });
    expect(workflow?.inputSchema).toMatchObject({
      type: 'object',
      properties: {
        name: { type: 'string' },
        count: expect.objectContaining({ type: 'integer' }),
        a: expect.objectContaining({ type: 'object', properties: { b: { type: 'number' } } }),
      },
    });
    expect(workflow?.inputSchema?.required).toContain('name');
    expect(workflow?.inputSchema?.required).not.toContain('a');
  });

  it('answers /health/live with 200', async () => {
    expect((await stack.client.GET('/health/live')).response.status).toBe(200);
  });

  it('answers /health/ready with 200 when PostgreSQL and Redis are reachable', async () => {
    const ready = expectOk(await stack.client.GET('/health/ready'));
    expect(ready.checks).toEqual({ database: true, redis: true, queues: true });
  });

  it('answers an unknown route with 404 and the standard error body', async () => {
    expectError(await stack.request('GET', '/api/no-such-thing'), 404);
    expectError(await stack.request('POST', '/nowhere', {}), 404);
    expectError(await stack.request('PATCH', '/api/processes'), 404);
  });
});
