import { z } from 'zod';
import { defineWorkflow, inputStep, step, subWorkflow } from '@orchestrator/engine';
import { processWhen, startedProcess, startTestStack, waitFor, type TestStack } from '@orchestrator/test-stack';

let failChild = false;

const doubler = defineWorkflow({
  name: 'doubler',
  target: 'SYSTEM',
  description: 'doubles n',
  input: z.object({ n: z.number() }),
  steps: [
    step('Maybe fail', () => {
      if (failChild) throw new Error('the device did not answer');
    }),
    step('Double', (state) => ({ doubled: state.n * 2 })),
  ],
});
const askingChild = defineWorkflow({
  name: 'asking_child',
  target: 'SYSTEM',
  description: 'waits for an answer',
  steps: [inputStep('Confirm', { form: z.object({ ok: z.boolean() }) })],
});
const doubling = defineWorkflow({
  name: 'doubling',
  target: 'SYSTEM',
  description: 'runs doubler as a sub-workflow',
  steps: [
    step('Prepare', () => ({ n: 21 })),
    subWorkflow('Double it', 'doubler', (state) => ({ n: state.n }), { resultKey: 'result' }),
    step('Use it', (state) => ({ answer: state.result.doubled })),
  ],
});
const asking = defineWorkflow({
  name: 'asking',
  target: 'SYSTEM',
  description: 'runs asking_child as a sub-workflow',
  steps: [subWorkflow('Ask', 'asking_child', () => ({}), { resultKey: 'answer' })],
});
const badInput = defineWorkflow({
  name: 'bad_input',
  target: 'SYSTEM',
  description: 'hands doubler an input it refuses',
  steps: [subWorkflow('Double nothing', 'doubler', () => ({ n: 'many' }))],
});

type Row = { name: string; status: string };

describe('sub-workflows (ENGINE.md 14.2)', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ workflows: [doubler, askingChild, doubling, asking, badInput] });
    await stack.startWorker();
  });
  afterAll(() => stack.stop());
  beforeEach(() => {
    failChild = false;
  });

  const detail = async (id: string) => (await stack.request('GET', `/api/processes/${id}`)).body;
  const rows = async (id: string) => ((await detail(id)).steps as Row[]).map((s) => [s.name, s.status]);
  const onlyChild = async (parentId: string) => {
    const { childIds } = await waitFor(
      async () => {
        const body = await detail(parentId);
        return body.childIds.length > 0 && body;
      },
      { what: 'the child process' },
    );
    expect(childIds).toHaveLength(1);
    return childIds[0] as string;
  };

  it('starts the child, waits for it naming it, and continues with its final state under resultKey', async () => {
    const id = await startedProcess(stack, 'doubling');
    const done = await processWhen(stack, id, 'completed');
    expect(done.currentState).toMatchObject({ n: 21, answer: 42, result: { n: 21, doubled: 42 } });
    expect(done.parentId).toBeNull();
    expect(done.childIds).toHaveLength(1);
    const childId = done.childIds[0] as string;
    expect(done.steps.map((s: Row) => [s.name, s.status])).toEqual([
      ['Start', 'success'],
      ['Prepare', 'success'],
      ['Double it', 'waiting'],
      ['Double it', 'success'],
      ['Use it', 'success'],
      ['Done', 'complete'],
    ]);
    const child = await detail(childId);
    expect(child).toMatchObject({ status: 'completed', parentId: id, childIds: [], workflowName: 'doubler' });
    expect(child.steps[0]).toMatchObject({ name: 'Start', state: { n: 21 } });
  });

  it('shows the parent waiting with a reason naming the child while the child runs', async () => {
    const id = await startedProcess(stack, 'asking');
    const childId = await onlyChild(id);
    await processWhen(stack, childId, 'suspended');
    const waiting = await processWhen(stack, id, 'waiting');
    expect(waiting.failedReason).toBe(`waiting for sub-workflow "asking_child" (process ${childId})`);
    expect(waiting.nextRetryAt).toBeNull();
    // The child is answered like any suspended process; its completion wakes the parent.
    expect((await stack.request('PUT', `/api/processes/${childId}/resume`, { ok: true })).status).toBe(204);
    const done = await processWhen(stack, id, 'completed');
    expect(done.currentState.answer).toMatchObject({ ok: true });
  });

  it('fails the parent step when the child fails; a retry of the parent resumes that child and completes', async () => {
    failChild = true;
    const id = await startedProcess(stack, 'doubling');
    const failed = await processWhen(stack, id, 'failed');
    const childId = failed.childIds[0] as string;
    expect(failed.failedReason).toBe(`sub-workflow "doubler" (process ${childId}) failed: the device did not answer`);
    expect((await detail(childId)).status).toBe('failed');

    failChild = false;
    expect((await stack.request('PUT', `/api/processes/${id}/resume`)).status).toBe(204);
    const done = await processWhen(stack, id, 'completed');
    expect(done.childIds).toEqual([childId]);
    expect(done.currentState.answer).toBe(42);
    expect(await rows(childId)).toEqual([
      ['Start', 'success'],
      ['Maybe fail', 'failed'],
      ['Maybe fail', 'success'],
      ['Double', 'success'],
      ['Done', 'complete'],
    ]);
    expect(await rows(id)).toEqual([
      ['Start', 'success'],
      ['Prepare', 'success'],
      ['Double it', 'waiting'],
      ['Double it', 'failed'],
      ['Double it', 'waiting'],
      ['Double it', 'success'],
      ['Use it', 'success'],
      ['Done', 'complete'],
    ]);
  });

  it('aborts the children with the parent', async () => {
    const id = await startedProcess(stack, 'asking');
    const childId = await onlyChild(id);
    await processWhen(stack, childId, 'suspended');
    await processWhen(stack, id, 'waiting');
    expect((await stack.request('PUT', `/api/processes/${id}/abort`)).status).toBe(204);
    expect((await detail(id)).status).toBe('aborted');
    const child = await detail(childId);
    expect(child.status).toBe('aborted');
    expect(child.steps.at(-1)).toMatchObject({ name: 'User Aborted', status: 'abort' });
  });

  it('fails the parent step naming a child aborted on its own; a retry starts a new child', async () => {
    const id = await startedProcess(stack, 'asking');
    const childId = await onlyChild(id);
    await processWhen(stack, childId, 'suspended');
    await processWhen(stack, id, 'waiting');
    expect((await stack.request('PUT', `/api/processes/${childId}/abort`)).status).toBe(204);
    const failed = await processWhen(stack, id, 'failed');
    expect(failed.failedReason).toBe(`sub-workflow "asking_child" (process ${childId}) was aborted`);

    expect((await stack.request('PUT', `/api/processes/${id}/resume`)).status).toBe(204);
    await waitFor(async () => (await detail(id)).childIds.length === 2, { what: 'a second child' });
    const second = ((await detail(id)).childIds as string[])[1]!;
    await processWhen(stack, second, 'suspended');
    expect((await stack.request('PUT', `/api/processes/${second}/resume`, { ok: true })).status).toBe(204);
    await processWhen(stack, id, 'completed');
  });

  it("fails the step with the child workflow's validation issues and starts nothing", async () => {
    const id = await startedProcess(stack, 'bad_input');
    const failed = await processWhen(stack, id, 'failed');
    expect(failed.failedReason).toContain('the input for "doubler" is invalid: n:');
    expect(failed.childIds).toEqual([]);
  });
});
