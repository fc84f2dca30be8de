import type { StepState, SubWorkflowStepDefinition } from '../step-types';
import { checkedName } from './step-name';

export interface SubWorkflowOptions {
  /** Where the child's final state lands in the parent's state; default `subWorkflowResult`. */
  resultKey?: string;
}

/**
 * A step that starts a child process of `workflowName` with `input(state)` and waits (status `waiting`)
 * until the child completes; then the child's final state lands in `state[resultKey]` and the parent goes on.
 * A failed child fails the step; a retry of the parent resumes that child (ENGINE.md 14.2).
 */
export function subWorkflow(
  name: string,
  workflowName: string,
  input: (state: StepState) => Record<string, unknown>,
  options: SubWorkflowOptions = {},
): SubWorkflowStepDefinition {
  if (typeof workflowName !== 'string' || workflowName === '') {
    throw new TypeError(`subWorkflow "${name}": needs the name of the child workflow`);
  }
  if (typeof input !== 'function') throw new TypeError(`subWorkflow "${name}": input must be a function of the state`);
  const resultKey = options.resultKey ?? 'subWorkflowResult';
  if (typeof resultKey !== 'string' || resultKey === '') {
    throw new TypeError(`subWorkflow "${name}": resultKey must be a non-empty string`);
  }
  return { kind: 'subWorkflow', name: checkedName(name), workflowName, input, resultKey };
}
