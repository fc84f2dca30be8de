import { defineWorkflow, step } from '@orchestrator/engine';
import { startTestStack, waitFor, type TestStack } from '@orchestrator/testing';

const threeSteps = defineWorkflow({
  name: 'three_steps',
  target: 'SYSTEM',
  description: 'three steps that build up state',
  steps: [
    step('One', () => ({ one: 1 })),
    step('Two', (state) => ({ two: Number(state.one) + 1 })),
    step('Three', (state) => ({ three: Number(state.two) + 1 })),
  ],
});

describe('step execution', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack({ workflows: [threeSteps] });
    await stack.startWorker();
  });
  afterAll(() => stack.stop());

  it('runs a three-step workflow to completion with merged state and one row per step', async () => {
    const started = await stack.request('POST', '/api/processes/three_steps', { start: true });
    expect(started.status).toBe(201);
    const id = started.body.id as string;
    const detail = await waitFor(async () => {
      const res = await stack.request('GET', `/api/processes/${id}`);
      return res.body.status === 'completed' && res.body;
    });
    expect(detail.currentState).toEqual({ start: true, one: 1, two: 2, three: 3 });
    expect(detail.steps.map((s: { name: string; status: string }) => [s.name, s.status])).toEqual([
      ['Start', 'success'],
      ['One', 'success'],
      ['Two', 'success'],
      ['Three', 'success'],
      ['Done', 'complete'],
    ]);
    expect(detail.steps[2].state).toEqual({ start: true, one: 1, two: 2 });
    const rows = await stack.sql('SELECT count(*)::int AS n FROM process_steps WHERE process_id = $1', [id]);
    expect(rows[0]).toEqual({ n: 5 });
  });
});
