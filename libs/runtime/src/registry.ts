import { WorkflowRegistry } from '@orchestrator/engine';
import { builtInWorkflows, loadWorkflowModules } from '@orchestrator/workflows';

/** The built-in workflows plus those of WORKFLOW_MODULES; API and worker load the same set. */
export function loadRegistry(workflowModules: readonly string[]): WorkflowRegistry {
  return new WorkflowRegistry([...builtInWorkflows, ...loadWorkflowModules(workflowModules)]);
}
