import type { WorkflowDefinition } from '@orchestrator/engine';
import { helloWorld } from './hello-world';
import { cleanUpTasks } from './tasks/clean-up-tasks';

export * from './load-workflow-modules';
export { helloWorld, cleanUpTasks };

/** Workflows every orchestrator installation has, before any user module. */
export const builtInWorkflows: readonly WorkflowDefinition[] = [helloWorld, cleanUpTasks];

/** Built-in tasks and their default schedules (cron, with an optional seconds field); TASK_SCHEDULES overrides. */
export const defaultTaskSchedules: Readonly<Record<string, string>> = { [cleanUpTasks.name]: '0 3 * * *' };
