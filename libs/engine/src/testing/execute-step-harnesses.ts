import { step } from '../dsl/steps';
import { silentLogger, type EngineLogger } from '../logger';
import type { State } from '../state';
import type { StepDefinition } from '../step-types';
import { defineWorkflow, type WorkflowDefinition } from '../workflow';
import { createStepHarness } from './step-harness';

// Step harnesses shaped for the tests of `executeStep`: a fixed clock and short helpers around one process.

/** The clock of these harnesses. */
export const HARNESS_NOW = new Date('2024-06-01T12:00:00.000Z');

/** Three steps that build up state: `one`, then `two` from it, then `three`. */
export const threeSteps = defineWorkflow({
  name: 'three_steps',
  target: 'SYSTEM',
  description: 'three steps that build up state',
  steps: [
    step('One', () => ({ one: 1 })),
    step('Two', (state) => ({ two: Number(state.one) + 1 })),
    step('Three', (state) => ({ three: Number(state.two) + 1 })),
  ],
});

/**
 * A step harness for these workflows. `start` starts a process as `alice` (by default `p-1`), `steps` gives its
 * rows as [name, status].
 */
export function workflowsHarness(workflows: WorkflowDefinition[], logger: EngineLogger = silentLogger) {
  const h = createStepHarness(workflows, { logger, now: () => HARNESS_NOW });
  const start = (workflowName: string, state: State = {}, processId = 'p-1') =>
    h.start(workflowName, { state, processId, actor: 'alice' });
  const steps = (processId = 'p-1') => h.store.rowsOf(processId).map((row) => [row.name, row.status]);
  return { ...h, start, steps };
}

/**
 * A step harness for one workflow, `under_test`, of these steps, and one process of it, `p-1`: `start` and
 * `resume` it, `rows` gives its rows as [name, status, retries].
 */
export function stepsHarness(steps: StepDefinition[], options: { isTask?: boolean } = {}) {
  const workflow = defineWorkflow({
    name: 'under_test',
    target: 'SYSTEM',
    description: 'x',
    isTask: options.isTask,
    steps,
  });
  const h = createStepHarness([workflow], { now: () => HARNESS_NOW });
  const start = (state: State = {}) => h.start('under_test', { state, processId: 'p-1' });
  const resume = () => h.resume('p-1');
  const rows = () => h.store.rowsOf('p-1').map((row) => [row.name, row.status, row.retries]);
  return { ...h, start, resume, rows };
}
