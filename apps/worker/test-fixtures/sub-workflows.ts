import { defineWorkflow, parallel, step, subWorkflow } from '@orchestrator/engine';
import { slowSideEffect, slowStep } from './slow-workflows';

/**
 * Loaded through WORKFLOW_MODULES by worker processes that tests spawn: a parent whose sub-workflow is the
 * slow workflow, and a parallel step with the slow step in a branch (a test kills a worker in that step).
 */
export const parentOfSlow = defineWorkflow({
  name: 'parent_of_slow',
  target: 'SYSTEM',
  description: 'runs slow_side_effect as a sub-workflow, then one step',
  steps: [
    subWorkflow('Run slow child', 'slow_side_effect', () => ({}), { resultKey: 'child' }),
    step('After child', (state) => ({ childSaw: state.child.after === true })),
  ],
});

/** A parallel step whose branch "slow" holds the slow step (ENGINE.md 14.1). */
export const parallelOfSlow = defineWorkflow({
  name: 'parallel_of_slow',
  target: 'SYSTEM',
  description: 'a slow branch beside a quick one, then one step',
  steps: [
    parallel('Both', {
      slow: [slowStep, step('After slow', () => ({ afterSlow: true }))],
      quick: [step('Quick', () => ({ quick: true }))],
    }),
    step('After join', (state) => ({ joined: state.afterSlow === true && state.quick === true })),
  ],
});

export default [slowSideEffect, parentOfSlow, parallelOfSlow];
