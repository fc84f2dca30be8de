import { step } from './dsl/steps';
import { executeStep } from './execute-step';
import type { CommittedStep, StepObserver } from './step-observer';
import { threeSteps, workflowsHarness as harness } from './testing';
import { defineWorkflow } from './workflow';

describe('the step observer', () => {
  it('is told of each commit before the next step is requested, and runs every step inside `around`', async () => {
    const { deps, start, scheduler } = harness([threeSteps]);
    await start('three_steps');
    const told: { step: CommittedStep; scheduledBefore: number }[] = [];
    const around: string[] = [];
    const observer: StepObserver = {
      committed: (step) => told.push({ step, scheduledBefore: scheduler.scheduled.length }),
      async around(process, definition, run) {
        around.push(`${process.stepIndex}:${definition?.name}`);
        return run();
      },
    };
    const observed = { ...deps, observer };
    scheduler.scheduled.length = 0;
    await executeStep({ processId: 'p-1', version: 0 }, observed);
    await executeStep({ processId: 'p-1', version: 1 }, observed);
    expect(around).toEqual(['0:Start', '1:One']);
    expect(told.map(({ step }) => [step.process.status, step.write.status, step.write.lastStep])).toEqual([
      ['created', 'running', 'Start'],
      ['running', 'running', 'One'],
    ]);
    expect(told.map(({ scheduledBefore }) => scheduledBefore)).toEqual([0, 1]);
    expect(told.every(({ step }) => step.modifiedAt instanceof Date && step.subscriptionIds.length === 0)).toBe(true);
  });

  it('is not told of a step that was fenced out', async () => {
    const { deps, start, store } = harness([
      defineWorkflow({
        name: 'fenced',
        target: 'SYSTEM',
        description: 'x',
        steps: [
          step('Slow', () => {
            store.bumpVersion('p-1');
          }),
        ],
      }),
    ]);
    await start('fenced');
    const committed = jest.fn();
    await executeStep({ processId: 'p-1', version: 0 }, { ...deps, observer: { committed } });
    expect(committed).toHaveBeenCalledTimes(1);
    expect(await executeStep({ processId: 'p-1', version: 1 }, { ...deps, observer: { committed } })).toEqual({
      kind: 'fenced',
    });
    expect(committed).toHaveBeenCalledTimes(1);
  });
});
