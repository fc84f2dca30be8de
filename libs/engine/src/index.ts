export * from './statuses';
export * from './state';
export * from './state-delta';
export * from './errors';
export * from './logger';
export * from './step-types';
export * from './workflow';
export * from './registry';
export * from './subscriptions';
export * from './products';
export * from './start-predicate';
export * from './authorization';
export {
  createWorkflow,
  modifyWorkflow,
  terminateWorkflow,
  validateWorkflow,
  task,
  subscriptionInput,
  type CreateWorkflowOptions,
  type LockingWorkflowOptions,
  type ModifyWorkflowOptions,
  type TaskOptions,
} from './dsl/subscription-workflows';
export * from './ports';
export * from './failure';
export * from './unstorable-failure';
export * from './retry-policy';
export * from './run-step';
export * from './transition';
export * from './execute-step';
export * from './step-observer';
export {
  step,
  retryStep,
  abortStep,
  stepGroup,
  conditional,
  focusSteps,
  DEFAULT_RETRY_POLICY,
  type StepOptions,
} from './dsl/steps';
export * from './ids';
export { subWorkflow, type SubWorkflowOptions } from './dsl/sub-workflow';
export { parallel } from './dsl/parallel';
export { workflowOf, parallelBranches } from './branch-workflow';
export { inputStep, callbackStep, type InputStepOptions, type CallbackStepOptions } from './dsl/interaction-steps';
export * from './interaction';
export * from './dsl/typed-workflow';
export * from './product-blocks';
export * from './product-catalog';
export * from './forms';
export * from './versions';
