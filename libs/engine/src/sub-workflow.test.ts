import { step, stepGroup } from './dsl/steps';
import { subWorkflow } from './dsl/sub-workflow';
import type { ChildProcesses, ChildSnapshot, ProcessSnapshot, StepRequest } from './ports';
import { WorkflowRegistry } from './registry';
import { runSubWorkflowStep } from './sub-workflow-step';
import { decideTransition } from './transition';
import { defineWorkflow } from './workflow';

const child = defineWorkflow({ name: 'child', target: 'SYSTEM', description: 'c', steps: [step('A', () => ({}))] });
const parentStep = subWorkflow('Run child', 'child', (state) => ({ n: state.n }), { resultKey: 'result' });
const parent = defineWorkflow({ name: 'parent', target: 'SYSTEM', description: 'p', steps: [parentStep] });
const registry = new WorkflowRegistry([child, parent]);

function snapshot(changes: Partial<ProcessSnapshot> = {}): ProcessSnapshot {
  return {
    processId: 'p-1',
    workflowName: 'parent',
    status: 'running',
    version: 3,
    stepIndex: 1,
    state: { n: 2 },
    failedAttempts: 0,
    isTask: false,
    actor: 'alice',
    enginePaused: false,
    ...changes,
  };
}

/** Children in memory: what the step started and resumed. */
function children(latest: ChildSnapshot | null) {
  const started: unknown[] = [];
  const resumed: string[] = [];
  const port: ChildProcesses = {
    latest: () => Promise.resolve(latest),
    branches: () => Promise.resolve([]),
    start: (c) => {
      started.push(c);
      return Promise.resolve({ processId: 'c-new', version: 0 });
    },
    resume: (c): Promise<StepRequest | null> => {
      resumed.push(c.processId);
      return Promise.resolve({ processId: c.processId, version: c.version + 1 });
    },
  };
  return { port, started, resumed };
}

const childOf = (status: ChildSnapshot['status']): ChildSnapshot => ({
  processId: 'c-1',
  workflowName: 'child',
  status,
  version: 5,
  state: { n: 2, done: true },
  failedReason: status === 'failed' ? 'boom' : null,
  branch: null,
});

describe('subWorkflow', () => {
  it('refuses a sub-workflow inside a step group, and a missing workflow name', () => {
    expect(() => stepGroup('G', [parentStep])).toThrow('subWorkflow step "Run child" cannot be part of a group');
    expect(() => subWorkflow('X', '', () => ({}))).toThrow('needs the name of the child workflow');
  });

  it('starts a child with the input and waits for it; the child is requested after commit', async () => {
    const { port, started } = children(null);
    const { result, schedule } = await runSubWorkflowStep(parentStep, { n: 2 }, snapshot(), port, registry);
    expect(started).toEqual([{ workflowName: 'child', stepIndex: 1, state: { n: 2 }, actor: 'alice' }]);
    expect(schedule).toEqual({ processId: 'c-new', version: 0 });
    expect(result).toEqual({
      kind: 'awaiting_child',
      state: { n: 2 },
      child: { processId: 'c-new', workflowName: 'child' },
    });
  });

  it('puts the final state of a completed child under resultKey', async () => {
    const { result } = await runSubWorkflowStep(
      parentStep,
      { n: 2 },
      snapshot(),
      children(childOf('completed')).port,
      registry,
    );
    expect(result).toEqual({ kind: 'success', state: { n: 2, result: { n: 2, done: true } } });
  });

  it('fails on a failed child when woken, and resumes that child on a retry', async () => {
    const woken = await runSubWorkflowStep(parentStep, {}, snapshot(), children(childOf('failed')).port, registry);
    expect(woken.result).toMatchObject({
      kind: 'failed',
      error: { message: 'sub-workflow "child" (process c-1) failed: boom' },
    });
    const retry = children(childOf('failed'));
    const retried = await runSubWorkflowStep(parentStep, {}, snapshot({ status: 'resumed' }), retry.port, registry);
    expect(retry.resumed).toEqual(['c-1']);
    expect(retried).toMatchObject({ result: { kind: 'awaiting_child' }, schedule: { processId: 'c-1', version: 6 } });
  });

  it('keeps waiting for a child that is still running, starting nothing', async () => {
    const running = children(childOf('suspended'));
    const outcome = await runSubWorkflowStep(parentStep, {}, snapshot(), running.port, registry);
    expect(outcome).toMatchObject({ result: { kind: 'awaiting_child' }, schedule: null });
    expect(running.started).toEqual([]);
  });

  it('fails naming an unregistered workflow', async () => {
    const lost = subWorkflow('Run lost', 'lost', () => ({}));
    const { result } = await runSubWorkflowStep(lost, {}, snapshot(), children(null).port, registry);
    expect(result).toMatchObject({
      kind: 'failed',
      error: { message: expect.stringContaining('"lost" is not registered') },
    });
  });
});

describe('decideTransition of sub-workflows', () => {
  const input = {
    workflow: parent,
    step: parentStep,
    startedAt: new Date(),
    completedAt: new Date(),
    random: () => 0.5,
  };

  it('sets a parent waiting for its child: no retry time, a reason naming the child, no next step', () => {
    const { write, next } = decideTransition({
      ...input,
      process: snapshot(),
      result: { kind: 'awaiting_child', state: { n: 2 }, child: { processId: 'c-1', workflowName: 'child' } },
    });
    expect(next).toBeNull();
    expect(write).toMatchObject({
      status: 'waiting',
      stepIndex: 1,
      nextRetryAt: null,
      failedReason: 'waiting for sub-workflow "child" (process c-1)',
      rows: [{ name: 'Run child', status: 'waiting' }],
    });
    expect(write.wakeParent).toBeUndefined();
  });

  it('wakes the parent when a child completes or fails, not when it only moves on', () => {
    const ofChild = (result: Parameters<typeof decideTransition>[0]['result'], stepIndex = 1) =>
      decideTransition({
        process: snapshot({ workflowName: 'child', parentId: 'p-0', stepIndex }),
        workflow: child,
        step: child.steps[stepIndex],
        result,
        startedAt: new Date(),
        completedAt: new Date(),
        random: () => 0.5,
      }).write;
    expect(ofChild({ kind: 'success', state: {} }).wakeParent).toBe('p-0');
    const error = { class: 'Error', message: 'x', stack: null };
    expect(ofChild({ kind: 'failed', error, cause: new Error('x') }).wakeParent).toBe('p-0');
    expect(ofChild({ kind: 'success', state: {} }, 0).wakeParent).toBeUndefined();
  });
});
