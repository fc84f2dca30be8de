import { ProductRegistry, WorkflowRegistry } from '@orchestrator/engine';
import { builtInProducts, builtInWorkflows, loadProductModules, registeredWorkflows } from '@orchestrator/workflows';

/** The built-in workflows plus those of WORKFLOW_MODULES; API and worker load the same set. */
export function loadRegistry(workflowModules: readonly string[]): WorkflowRegistry {
  return new WorkflowRegistry(registeredWorkflows(builtInWorkflows, workflowModules));
}

/** The built-in products (the example `node`) plus those of WORKFLOW_MODULES (export named `products`). */
export function loadProductRegistry(workflowModules: readonly string[]): ProductRegistry {
  return new ProductRegistry([...builtInProducts, ...loadProductModules(workflowModules)]);
}
