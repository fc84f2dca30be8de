import { retryStep, step } from './dsl/steps';
import { executeStep } from './execute-step';
import { TransientStoreError } from './ports';
import type { StepFunction } from './step-types';
import { runScheduledSteps, stepsHarness as harness } from './testing';
import { defineWorkflow } from './workflow';

function failing(message: string): StepFunction {
  return () => {
    throw new Error(message);
  };
}

describe('executeStep when a step fails', () => {
  it('records a failed row with the error, keeps the last successful state and schedules nothing', async () => {
    const { store, scheduler, deps, start, rows } = harness([
      step('One', () => ({ one: 1 })),
      step('Break', failing('device refused')),
    ]);
    await start({ input: true });

    const executions = await runScheduledSteps(deps);

    expect(executions.at(-1)).toMatchObject({
      kind: 'committed',
      status: 'failed',
      next: null,
      step: 'Break',
      failedReason: 'device refused',
      nextRetryAt: null,
    });
    expect(rows()).toEqual([
      ['Start', 'success', 0],
      ['One', 'success', 0],
      ['Break', 'failed', 0],
    ]);
    const failedRow = store.rowsOf('p-1')[2];
    expect(failedRow?.state).toEqual({ input: true, one: 1 });
    expect(failedRow?.error).toMatchObject({ class: 'Error', message: 'device refused' });
    expect(failedRow?.error?.stack).toContain('device refused');
    expect(store.process('p-1')).toMatchObject({
      status: 'failed',
      stepIndex: 2,
      lastStep: 'Break',
      failedReason: 'device refused',
      state: { input: true, one: 1 },
    });
    expect(store.process('p-1').traceback).toContain('device refused');
    expect(scheduler.pending).toBe(0);
    expect(scheduler.scheduled).toHaveLength(3);
  });

  it('retries only the failed step on resume, from the last successful state', async () => {
    let calls = 0;
    const first = jest.fn(() => ({ first: true }));
    const { store, deps, start, resume, rows } = harness([
      step('First', first),
      step('Flaky', () => {
        calls += 1;
        if (calls === 1) throw new Error('not yet');
        return { flaky: calls };
      }),
    ]);
    await start();
    await runScheduledSteps(deps);
    await resume();
    await runScheduledSteps(deps);

    expect(first).toHaveBeenCalledTimes(1);
    expect(rows()).toEqual([
      ['Start', 'success', 0],
      ['First', 'success', 0],
      ['Flaky', 'failed', 0],
      ['Flaky', 'success', 0],
      ['Done', 'complete', 0],
    ]);
    expect(store.process('p-1')).toMatchObject({ status: 'completed', state: { first: true, flaky: 2 } });
  });

  it('folds an identical repeated failure into the failed row and counts it as a retry', async () => {
    const { deps, start, resume, rows } = harness([step('Break', failing('same error'))]);
    await start();
    await runScheduledSteps(deps);
    await resume();
    await runScheduledSteps(deps);
    await resume();
    await runScheduledSteps(deps);
    expect(rows()).toEqual([
      ['Start', 'success', 0],
      ['Break', 'failed', 2],
    ]);
  });

  it('logs a failure with a different message as a new row', async () => {
    let n = 0;
    const { deps, start, resume, rows } = harness([
      step('Break', () => {
        n += 1;
        throw new Error(`error ${n}`);
      }),
    ]);
    await start();
    await runScheduledSteps(deps);
    await resume();
    await runScheduledSteps(deps);
    expect(rows()).toEqual([
      ['Start', 'success', 0],
      ['Break', 'failed', 0],
      ['Break', 'failed', 0],
    ]);
  });

  it('fails the process with a clear message when its workflow is not registered in this worker', async () => {
    const { store, scheduler, deps } = harness([]);
    store.seedProcess({ processId: 'p-1', workflowName: 'ghost_workflow' });
    expect(await executeStep({ processId: 'p-1', version: 0 }, deps)).toMatchObject({
      kind: 'committed',
      status: 'failed',
      next: null,
    });
    expect(store.process('p-1').failedReason).toBe(
      'workflow "ghost_workflow" has no step 0 in this worker: is the workflow registered here?',
    );
    expect(store.rowsOf('p-1').map((r) => [r.name, r.status])).toEqual([['step 0', 'failed']]);
    expect(scheduler.scheduled).toEqual([]);
  });

  it('records a failure, and not the step, when the database refuses the commit', async () => {
    const { store, deps, start, rows } = harness([step('Write', () => ({ written: true }))]);
    await start({ input: 1 });
    await executeStep({ processId: 'p-1', version: 0 }, deps);
    store.failNextCommit(Object.assign(new Error('deferred constraint violated'), { name: 'QueryFailedError' }));

    expect(await executeStep({ processId: 'p-1', version: 1 }, deps)).toMatchObject({
      kind: 'committed',
      status: 'failed',
      next: null,
    });
    expect(store.process('p-1')).toMatchObject({
      status: 'failed',
      version: 2,
      failedReason: 'deferred constraint violated',
    });
    expect(rows()).toEqual([
      ['Start', 'success', 0],
      ['Write', 'failed', 0],
    ]);
    expect(store.rowsOf('p-1')[1]?.error).toMatchObject({
      class: 'QueryFailedError',
      message: 'deferred constraint violated',
    });
    expect(store.process('p-1').state).toEqual({ input: 1 });
    expect(store.isExecuting('p-1')).toBe(false);
  });

  it('rethrows a transient store error so that the step request is delivered again, leaving the process as it was', async () => {
    const { store, scheduler, deps, start } = harness([step('Write', () => ({ written: true }))]);
    await start({ input: 1 });
    await executeStep({ processId: 'p-1', version: 0 }, deps);
    store.failNextCommit(new TransientStoreError('connection reset'));

    await expect(executeStep({ processId: 'p-1', version: 1 }, deps)).rejects.toBeInstanceOf(TransientStoreError);
    expect(store.process('p-1')).toMatchObject({ status: 'running', version: 1, failedReason: null });
    expect(store.isExecuting('p-1')).toBe(false);
    expect(scheduler.scheduled).toHaveLength(2);
    expect(await executeStep({ processId: 'p-1', version: 1 }, deps)).toMatchObject({
      kind: 'committed',
      status: 'completed',
    });
  });

  it('keeps the backoff of a retryStep whose commit the database refused', async () => {
    const { store, scheduler, deps, start } = harness([
      retryStep('Call', () => ({ called: true }), { backoffMs: 1000, maxBackoffMs: 1000, maxAttempts: 3 }),
    ]);
    await start();
    await executeStep({ processId: 'p-1', version: 0 }, deps);
    store.failNextCommit(new Error('serialization failure'));

    const execution = await executeStep({ processId: 'p-1', version: 1 }, deps);

    expect(execution).toMatchObject({
      kind: 'committed',
      status: 'waiting',
      next: { processId: 'p-1', version: 2 },
      step: 'Call',
      failedReason: 'serialization failure',
    });
    expect(scheduler.scheduled.at(-1)?.delayMs).toBeGreaterThanOrEqual(500);
  });

  it('does not let a step that changes its state in place and then throws leak that change', async () => {
    const { store, start, deps } = harness([
      step('Half done', (state) => {
        (state.items as string[]).push('half');
        state.extra = 'leaked';
        throw new Error('boom');
      }),
    ]);
    await start({ items: ['whole'] });
    await runScheduledSteps(deps);
    expect(store.process('p-1')).toMatchObject({ status: 'failed', state: { items: ['whole'] } });
    expect(store.rowsOf('p-1').at(-1)?.state).toEqual({ items: ['whole'] });
  });

  it('drops what a step changes in place when it succeeds too: only what it returns reaches the state', async () => {
    const { store, start, deps } = harness([
      step('Mutates', (state) => {
        (state.items as string[]).push('in place');
        state.callback = () => 'never stored';
        return { returned: true };
      }),
    ]);
    await start({ items: ['whole'] });
    await runScheduledSteps(deps);
    expect(store.process('p-1')).toMatchObject({ status: 'completed', state: { items: ['whole'], returned: true } });
    expect(store.process('p-1').state).not.toHaveProperty('callback');
  });

  it('is fenced out, logging nothing, when the process is aborted while its failing step runs', async () => {
    const h = harness([]);
    h.deps.registry.add(
      defineWorkflow({
        name: 'aborted_meanwhile',
        target: 'SYSTEM',
        description: 'x',
        steps: [
          step('Break', () => {
            h.store.bumpVersion('p-2', { status: 'aborted' });
            throw new Error('late');
          }),
        ],
      }),
    );
    h.store.seedProcess({
      processId: 'p-2',
      workflowName: 'aborted_meanwhile',
      status: 'running',
      stepIndex: 1,
      version: 3,
    });
    expect(await executeStep({ processId: 'p-2', version: 3 }, h.deps)).toEqual({ kind: 'fenced' });
    expect(h.store.rowsOf('p-2')).toEqual([]);
    expect(h.store.process('p-2')).toMatchObject({ status: 'aborted', version: 4, failedReason: null });
  });
});
