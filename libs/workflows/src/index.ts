import type { WorkflowDefinition } from '@orchestrator/engine';
import { helloWorld } from './hello-world';

export * from './load-workflow-modules';
export { helloWorld };

/** Workflows every orchestrator installation has, before any user module. */
export const builtInWorkflows: readonly WorkflowDefinition[] = [helloWorld];
