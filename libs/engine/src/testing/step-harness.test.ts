import { step } from '../dsl/steps';
import { defineWorkflow } from '../workflow';
import { createStepHarness } from './step-harness';

const work = defineWorkflow({
  name: 'two_steps',
  target: 'SYSTEM',
  description: 'x',
  steps: [step('A', () => ({ a: 1 })), step('B', () => ({ b: 2 }))],
});
const chore = defineWorkflow({ name: 'chore', target: 'SYSTEM', description: 'x', isTask: true, steps: [] });

describe('createStepHarness', () => {
  it('starts a process as created at version 0 and schedules its first job', async () => {
    const h = createStepHarness([work]);
    const id = await h.start('two_steps', { state: { input: 1 }, actor: 'carol' });
    expect(h.store.process(id)).toMatchObject({ status: 'created', version: 0, actor: 'carol', isTask: false });
    expect(h.scheduler.scheduled).toEqual([{ request: { processId: id, version: 0 }, delayMs: 0 }]);
  });

  it('marks the process of a task as a task', async () => {
    const h = createStepHarness([chore]);
    expect(h.store.process(await h.start('chore')).isTask).toBe(true);
  });

  it('runs every scheduled job until the process stops', async () => {
    const h = createStepHarness([work]);
    const id = await h.start('two_steps');
    expect(await h.runScheduledSteps()).toHaveLength(3);
    expect(h.store.process(id)).toMatchObject({ status: 'completed', state: { a: 1, b: 2 } });
  });

  it('throws instead of looping when more jobs than the limit keep coming', async () => {
    const h = createStepHarness([work]);
    await h.start('two_steps');
    await expect(h.runScheduledSteps(2)).rejects.toThrow('still scheduling steps after 2 executions');
  });

  it('resumes a process to resumed with a new version and a request for it', async () => {
    const h = createStepHarness([work]);
    const id = await h.start('two_steps');
    await h.resume(id);
    expect(h.store.process(id)).toMatchObject({ status: 'resumed', version: 1, failedAttempts: 0 });
    expect(h.scheduler.scheduled.at(-1)).toEqual({ request: { processId: id, version: 1 }, delayMs: 0 });
  });
});
