import { defineWorkflow, step, subWorkflow } from '@orchestrator/engine';
import { slowSideEffect } from './slow-workflows';

/**
 * Loaded through WORKFLOW_MODULES by worker processes that tests spawn: a parent whose sub-workflow is the
 * slow workflow (whose slow step a test kills a worker in).
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

export default [slowSideEffect, parentOfSlow];
