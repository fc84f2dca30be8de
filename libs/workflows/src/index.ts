import type { ProductDefinition, WorkflowDefinition } from '@orchestrator/engine';
import { helloWorld } from './hello-world';
import { cleanUpTasks } from './tasks/clean-up-tasks';
import { nodeProduct, nodeWorkflows } from './node';

export * from './load-workflow-modules';
export * from './node';
export { helloWorld, cleanUpTasks };

/** Workflows every orchestrator installation has, before any user module. */
export const builtInWorkflows: readonly WorkflowDefinition[] = [helloWorld, cleanUpTasks, ...nodeWorkflows];

/** Products every installation has: the example `node` product. */
export const builtInProducts: readonly ProductDefinition[] = [nodeProduct];

/** Built-in tasks and their default schedules (cron, with an optional seconds field); TASK_SCHEDULES overrides. */
export const defaultTaskSchedules: Readonly<Record<string, string>> = { [cleanUpTasks.name]: '0 3 * * *' };
