import { callbackStep } from './dsl/interaction-steps';
import { parallel } from './dsl/parallel';
import { step, stepGroup } from './dsl/steps';
import { workflowOf, parallelBranches } from './branch-workflow';
import { runParallelStep } from './parallel-step';
import type { ChildProcesses, ChildSnapshot, ProcessSnapshot } from './ports';
import { WorkflowRegistry } from './registry';
import { defineWorkflow } from './workflow';

const both = parallel('Both', {
  a: [step('A', () => ({ a: 1 }))],
  b: [step('B1', () => ({})), step('B2', () => ({}))],
});
const workflow = defineWorkflow({ name: 'fan', target: 'SYSTEM', description: 'f', steps: [both] });

const parent = (changes: Partial<ProcessSnapshot> = {}): ProcessSnapshot => ({
  processId: 'p-1',
  workflowName: 'fan',
  status: 'running',
  version: 2,
  stepIndex: 1,
  state: { site: 'ams', keep: { x: 1 } },
  failedAttempts: 0,
  isTask: false,
  actor: 'alice',
  enginePaused: false,
  ...changes,
});

const branch = (name: string, status: ChildSnapshot['status'], state: Record<string, unknown> = {}): ChildSnapshot => ({
  processId: `c-${name}`,
  workflowName: 'fan',
  status,
  version: 4,
  state,
  failedReason: status === 'failed' ? 'boom' : null,
  branch: name,
});

function children(existing: ChildSnapshot[]) {
  const started: { branch?: string; state: unknown }[] = [];
  const resumed: string[] = [];
  const port: ChildProcesses = {
    latest: () => Promise.resolve(null),
    branches: () => Promise.resolve(existing),
    start: (c) => {
      started.push({ branch: c.branch, state: c.state });
      return Promise.resolve({ processId: `new-${c.branch}`, version: 0 });
    },
    resume: (c) => {
      resumed.push(c.processId);
      return Promise.resolve({ processId: c.processId, version: c.version + 1 });
    },
  };
  return { port, started, resumed };
}

describe('parallel', () => {
  it('allows callback steps in a branch; refuses nested parallels in a branch, and a parallel step in a group', () => {
    const callback = callbackStep('Order', { action: () => undefined, validate: () => undefined });
    expect(parallel('P', { a: [callback] }).branches.a?.map((s) => s.name)).toEqual(['Order', 'Validate Order']);
    expect(() => parallel('P', { a: [both] })).toThrow('branch "a" cannot hold the parallel step "Both"');
    expect(() => parallel('P', {})).toThrow('needs at least one branch');
    expect(() => stepGroup('G', [both])).toThrow('parallel step "Both" cannot be part of a group');
  });

  it("gives a branch process the branch's steps between a Start and a Done, and lists the branches", () => {
    const registry = new WorkflowRegistry([workflow]);
    const view = workflowOf(registry, { workflowName: 'fan', branch: { name: 'b', parentStepIndex: 1 } });
    expect(view?.steps.map((s) => s.name)).toEqual(['Start', 'B1', 'B2', 'Done']);
    expect(workflowOf(registry, { workflowName: 'fan', branch: { name: 'zz', parentStepIndex: 1 } })).toBeUndefined();
    expect(parallelBranches(workflow)).toEqual({ Both: { a: ['A'], b: ['B1', 'B2'] } });
  });

  it('forks one branch process per branch, each from a copy of the state, and waits naming them', async () => {
    const { port, started } = children([]);
    const { result, schedule } = await runParallelStep(both, parent().state, parent(), port);
    expect(started).toEqual([
      { branch: 'a', state: { site: 'ams', keep: { x: 1 } } },
      { branch: 'b', state: { site: 'ams', keep: { x: 1 } } },
    ]);
    expect(schedule).toEqual([
      { processId: 'new-a', version: 0 },
      { processId: 'new-b', version: 0 },
    ]);
    expect(result).toMatchObject({
      kind: 'awaiting_child',
      child: { reason: 'waiting for branches "a", "b" of parallel "Both"' },
    });
  });

  it("joins the branches: each one's changes against the fork, whatever the order of keys", async () => {
    const done = children([
      branch('a', 'completed', { keep: { x: 1 }, site: 'ams', a: 1 }),
      branch('b', 'completed', { site: 'ams', keep: { x: 1 }, b: 2 }),
    ]);
    const { result } = await runParallelStep(both, parent().state, parent(), done.port);
    expect(result).toEqual({ kind: 'success', state: { site: 'ams', keep: { x: 1 }, a: 1, b: 2 } });
  });

  it('fails the join on a key written by two branches, naming it', async () => {
    const clash = children([
      branch('a', 'completed', { site: 'lon', keep: { x: 1 } }),
      branch('b', 'completed', { site: 'par', keep: { x: 1 } }),
    ]);
    const { result } = await runParallelStep(both, parent().state, parent(), clash.port);
    expect(result).toMatchObject({
      kind: 'failed',
      error: { message: 'parallel "Both": key "site" was written by branches "a" and "b"' },
    });
  });

  it('fails on a failed branch; a retry resumes only that branch', async () => {
    const state = [branch('a', 'failed'), branch('b', 'completed', parent().state)];
    const woken = await runParallelStep(both, parent().state, parent(), children(state).port);
    expect(woken.result).toMatchObject({
      kind: 'failed',
      error: { message: 'branch "a" of parallel "Both" (process c-a) failed: boom' },
    });
    const retry = children(state);
    const retried = await runParallelStep(both, parent().state, parent({ status: 'resumed' }), retry.port);
    expect(retry.resumed).toEqual(['c-a']);
    expect(retry.started).toEqual([]);
    expect(retried).toMatchObject({ result: { kind: 'awaiting_child' }, schedule: [{ processId: 'c-a', version: 5 }] });
  });
});
