import type { ProductDefinition, WorkflowDefinition } from '@orchestrator/engine';
import { helloWorld } from './hello-world';
import { cleanUpTasks } from './tasks/clean-up-tasks';
import { resumeWorkflows } from './tasks/resume-workflows';
import { timeoutCallbacks } from './tasks/timeout-callbacks';
import { nodeProduct, nodeWorkflows } from './node';

export * from './load-workflow-modules';
export * from './node';
export { helloWorld, cleanUpTasks, resumeWorkflows, timeoutCallbacks };

/** Workflows every orchestrator installation has, before any user module. */
export const builtInWorkflows: readonly WorkflowDefinition[] = [
  helloWorld,
  cleanUpTasks,
  resumeWorkflows,
  timeoutCallbacks,
  ...nodeWorkflows,
];

/** Products every installation has: the example `node` product. */
export const builtInProducts: readonly ProductDefinition[] = [nodeProduct];

/** Built-in tasks and their default schedules (cron, with an optional seconds field); TASK_SCHEDULES overrides. */
export const defaultTaskSchedules: Readonly<Record<string, string>> = {
  [cleanUpTasks.name]: '0 3 * * *',
  [resumeWorkflows.name]: '*/10 * * * *',
  [timeoutCallbacks.name]: '* * * * *',
};
