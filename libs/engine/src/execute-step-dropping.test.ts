import { step } from './dsl/steps';
import { executeStep } from './execute-step';
import { threeSteps, workflowsHarness as harness } from './testing';
import { defineWorkflow } from './workflow';

describe('executeStep dropping step requests it must not run', () => {
  it('drops a second delivery of the same step request as stale, writing and scheduling nothing', async () => {
    const { store, scheduler, deps, start } = harness([threeSteps]);
    await start('three_steps');
    await executeStep({ processId: 'p-1', version: 0 }, deps);
    const rowsBefore = store.rowsOf('p-1');
    const scheduledBefore = scheduler.scheduled.length;

    expect(await executeStep({ processId: 'p-1', version: 0 }, deps)).toEqual({ kind: 'stale' });
    expect(store.rowsOf('p-1')).toEqual(rowsBefore);
    expect(store.process('p-1').version).toBe(1);
    expect(scheduler.scheduled).toHaveLength(scheduledBefore);
    expect(store.isExecuting('p-1')).toBe(false);
  });

  it('drops a request asking for a version the process has not reached', async () => {
    const { deps, start } = harness([threeSteps]);
    await start('three_steps');
    expect(await executeStep({ processId: 'p-1', version: 3 }, deps)).toEqual({ kind: 'stale' });
  });

  it.each(['suspended', 'failed', 'completed', 'aborted', 'awaiting_callback'] as const)(
    'drops a request for a %s process as stale without running its step',
    async (status) => {
      const work = jest.fn();
      const wf = defineWorkflow({ name: 'parked', target: 'SYSTEM', description: 'x', steps: [step('Work', work)] });
      const { store, deps } = harness([wf]);
      store.seedProcess({ processId: 'p-1', workflowName: 'parked', status, stepIndex: 1, version: 2 });
      expect(await executeStep({ processId: 'p-1', version: 2 }, deps)).toEqual({ kind: 'stale' });
      expect(work).not.toHaveBeenCalled();
      expect(store.rowsOf('p-1')).toEqual([]);
    },
  );

  it('answers missing for a process that does not exist', async () => {
    const { deps } = harness([threeSteps]);
    expect(await executeStep({ processId: 'nobody', version: 0 }, deps)).toEqual({ kind: 'missing' });
  });

  it('answers busy, running nothing, while another executor holds the process', async () => {
    const work = jest.fn();
    const wf = defineWorkflow({ name: 'contended', target: 'SYSTEM', description: 'x', steps: [step('Work', work)] });
    const { store, scheduler, deps, start } = harness([wf]);
    await start('contended');
    const other = await store.openStep('p-1');

    expect(await executeStep({ processId: 'p-1', version: 0 }, deps)).toEqual({ kind: 'busy' });
    expect(store.rowsOf('p-1')).toEqual([]);
    expect(scheduler.scheduled).toHaveLength(1);

    if (other.kind === 'opened') await other.step.rollback();
    expect((await executeStep({ processId: 'p-1', version: 0 }, deps)).kind).toBe('committed');
  });

  it('holds the step while the engine is paused, and runs it once unpaused', async () => {
    const { store, scheduler, deps, start } = harness([threeSteps]);
    await start('three_steps');
    store.enginePaused = true;

    expect(await executeStep({ processId: 'p-1', version: 0 }, deps)).toEqual({ kind: 'paused' });
    expect(store.process('p-1')).toMatchObject({ status: 'created', version: 0 });
    expect(store.rowsOf('p-1')).toEqual([]);
    expect(scheduler.scheduled).toHaveLength(1);
    expect(store.isExecuting('p-1')).toBe(false);

    store.enginePaused = false;
    expect((await executeStep({ processId: 'p-1', version: 0 }, deps)).kind).toBe('committed');
  });

  it('is fenced out when the process was aborted while its step ran: nothing logged, nothing scheduled', async () => {
    const { store, scheduler, deps } = harness([]);
    const abortDuringStep = jest.fn(() => {
      store.bumpVersion('p-1', { status: 'aborted', lastStep: 'User Aborted' });
      return { slow: true };
    });
    deps.registry.add(
      defineWorkflow({ name: 'raced', target: 'SYSTEM', description: 'x', steps: [step('Slow', abortDuringStep)] }),
    );
    store.seedProcess({ processId: 'p-1', workflowName: 'raced', status: 'running', stepIndex: 1, version: 1 });

    expect(await executeStep({ processId: 'p-1', version: 1 }, deps)).toEqual({ kind: 'fenced' });
    expect(abortDuringStep).toHaveBeenCalled();
    expect(store.process('p-1')).toMatchObject({ status: 'aborted', version: 2, state: {} });
    expect(store.rowsOf('p-1')).toEqual([]);
    expect(scheduler.scheduled).toEqual([]);
    expect(store.isExecuting('p-1')).toBe(false);
  });
});
