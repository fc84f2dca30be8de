import { executeStep } from './execute-step';
import type { CommitOptions, OpenedStep, OpenStepOutcome, StepRequest, StepScheduler, StepStore } from './ports';
import { threeSteps, workflowsHarness as harness } from './testing';

/** A store whose commits record their options and, when asked to open the next step, hand back `next`. */
function recordingStore(store: StepStore, next: OpenStepOutcome) {
  const options: (CommitOptions | undefined)[] = [];
  const wrapped: StepStore = {
    recordFailure: (write) => store.recordFailure(write),
    openStep: async (processId) => {
      const outcome = await store.openStep(processId);
      if (outcome.kind !== 'opened') return outcome;
      const step = outcome.step;
      const recording: OpenedStep = Object.create(step, {
        commit: {
          value: async (write: Parameters<OpenedStep['commit']>[0], given?: CommitOptions) => {
            options.push(given);
            const written = await step.commit(write);
            return written.kind === 'written' && given?.openNext ? { ...written, next } : written;
          },
        },
      }) as OpenedStep;
      return { kind: 'opened', step: recording };
    },
  };
  return { options, store: wrapped };
}

/** A step opened behind a commit, as a store hands it back; it records whether it was rolled back. */
function begunStep() {
  const state = { rolledBack: false };
  const step = { rollback: async () => void (state.rolledBack = true) } as unknown as OpenedStep;
  return { state, next: { kind: 'opened', step } as OpenStepOutcome };
}

describe('executeStep in a step chain', () => {
  it('asks the store to begin the next step with the commit when the scheduler runs it here, and returns it', async () => {
    const { deps, start } = harness([threeSteps]);
    await start('three_steps');
    const { next } = begunStep();
    const { options, store } = recordingStore(deps.store, next);
    const kept: StepRequest[] = [];
    const scheduler: StepScheduler = {
      schedule: async (request) => void kept.push(request),
      runsHere: (request, delayMs) => request.version === 1 && delayMs === 0,
    };
    const execution = await executeStep({ processId: 'p-1', version: 0 }, { ...deps, store, scheduler });
    expect(options).toEqual([{ openNext: true }]);
    expect(execution).toMatchObject({ kind: 'committed', next: { processId: 'p-1', version: 1 } });
    expect(execution.kind === 'committed' && execution.nextOpened).toBe(next);
    expect(kept).toEqual([{ processId: 'p-1', version: 1 }]);
  });

  it('commits without it when the scheduler queues the next step, or cannot say', async () => {
    const { deps, start } = harness([threeSteps]);
    await start('three_steps');
    const { options, store } = recordingStore(deps.store, begunStep().next);
    const queueing: StepScheduler = { schedule: async () => undefined, runsHere: () => false };
    await executeStep({ processId: 'p-1', version: 0 }, { ...deps, store, scheduler: queueing });
    await executeStep(
      { processId: 'p-1', version: 1 },
      { ...deps, store, scheduler: { schedule: async () => undefined } },
    );
    expect(options).toEqual([undefined, undefined]);
  });

  it('runs a step on the transaction handed to it instead of opening one', async () => {
    const { deps, start, store: memory } = harness([threeSteps]);
    await start('three_steps');
    const opened = await deps.store.openStep('p-1');
    const openStep = jest.fn(() => Promise.resolve<OpenStepOutcome>({ kind: 'busy' }));
    const execution = await executeStep(
      { processId: 'p-1', version: 0 },
      { ...deps, store: { ...deps.store, openStep, recordFailure: (w) => deps.store.recordFailure(w) } },
      opened,
    );
    expect(execution).toMatchObject({ kind: 'committed', status: 'running' });
    expect(openStep).not.toHaveBeenCalled();
    expect(memory.process('p-1').version).toBe(1);
  });

  it('rolls the begun next step back when scheduling after the commit throws', async () => {
    const { deps, start } = harness([threeSteps]);
    await start('three_steps');
    const { state, next } = begunStep();
    const { store } = recordingStore(deps.store, next);
    const failing: StepScheduler = {
      schedule: async () => {
        throw new Error('Redis went away');
      },
      runsHere: () => true,
    };
    await expect(executeStep({ processId: 'p-1', version: 0 }, { ...deps, store, scheduler: failing })).rejects.toThrow(
      'Redis went away',
    );
    expect(state.rolledBack).toBe(true);
  });
});
