import type { BranchOf } from './ports';
import type { WorkflowRegistry } from './registry';
import type { ParallelStepDefinition } from './step-types';
import { DONE_STEP, START_STEP, type WorkflowDefinition } from './workflow';

const branchWorkflows = new WeakMap<ParallelStepDefinition, Map<string, WorkflowDefinition>>();

/**
 * The workflow a process runs: its own, or for a branch process (ENGINE.md 14.1) the branch's steps between
 * a Start and a Done of its own, under the same workflow name. Undefined when the code has no such branch.
 */
export function workflowOf(
  registry: WorkflowRegistry,
  process: {
    readonly workflowName: string;
    readonly branch?: Pick<BranchOf, 'name' | 'parentStepIndex'> | undefined;
  },
): WorkflowDefinition | undefined {
  const workflow = registry.get(process.workflowName);
  if (!workflow || !process.branch) return workflow;
  const step = workflow.steps[process.branch.parentStepIndex];
  if (step?.kind !== 'parallel') return undefined;
  const steps = step.branches[process.branch.name];
  if (!steps) return undefined;
  let byBranch = branchWorkflows.get(step);
  if (!byBranch) branchWorkflows.set(step, (byBranch = new Map()));
  let branch = byBranch.get(process.branch.name);
  if (!branch) byBranch.set(process.branch.name, (branch = { ...workflow, steps: [START_STEP, ...steps, DONE_STEP] }));
  return branch;
}

/** The branches of each parallel step of a workflow, with their step names (`GET /api/workflows`). */
export function parallelBranches(workflow: WorkflowDefinition): Record<string, Record<string, string[]>> {
  const found: Record<string, Record<string, string[]>> = {};
  for (const step of workflow.steps) {
    if (step.kind !== 'parallel') continue;
    found[step.name] = Object.fromEntries(
      Object.entries(step.branches).map(([name, steps]) => [name, steps.map((inner) => inner.name)]),
    );
  }
  return found;
}
