import type { ProductDefinition, WorkflowDefinition } from '@orchestrator/engine';
import { helloWorld } from './hello-world';
import { cleanUpTasks } from './tasks/clean-up-tasks';
import { resumeWorkflows } from './tasks/resume-workflows';
import { timeoutCallbacks } from './tasks/timeout-callbacks';
import { l2vpnProduct, l2vpnWorkflows } from './l2vpn';
import { modifyNote } from './modify-note';
import { nodeProduct, nodeWorkflows } from './node';
import { portProduct, portWorkflows } from './port';
import { validateProducts } from './tasks/validate-products';
import { validateSubscriptions } from './tasks/validate-subscriptions';

export * from './load-workflow-modules';
export * from './node';
export * from './port';
export * from './l2vpn';
export {
  helloWorld,
  cleanUpTasks,
  resumeWorkflows,
  timeoutCallbacks,
  modifyNote,
  validateProducts,
  validateSubscriptions,
};

/** Workflows every orchestrator installation has, before any user module. */
export const builtInWorkflows: readonly WorkflowDefinition[] = [
  helloWorld,
  cleanUpTasks,
  resumeWorkflows,
  timeoutCallbacks,
  validateSubscriptions,
  validateProducts,
  modifyNote,
  ...nodeWorkflows,
  ...portWorkflows,
  ...l2vpnWorkflows,
];

/** Products every installation has: the examples `node`, `port` (on a node) and `l2vpn` (between ports). */
export const builtInProducts: readonly ProductDefinition[] = [nodeProduct, portProduct, l2vpnProduct];

/** Built-in tasks and their default schedules (cron, with an optional seconds field); TASK_SCHEDULES overrides. */
export const defaultTaskSchedules: Readonly<Record<string, string>> = {
  [cleanUpTasks.name]: '0 3 * * *',
  [resumeWorkflows.name]: '*/10 * * * *',
  [timeoutCallbacks.name]: '* * * * *',
};
