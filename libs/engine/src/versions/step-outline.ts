import { createHash } from 'node:crypto';
import type { StepDefinition } from '../step-types';
import type { WorkflowDefinition } from '../workflow';

/**
 * What a workflow version is made of: each step's name and kind, and the step lists nested in it (a
 * group's sub-steps under `steps`). Functions, predicates and options are not part of it: changing a
 * step's code keeps the version, renaming, adding, removing, moving or re-kinding a step changes it.
 */
export interface StepOutline {
  readonly name: string;
  readonly kind: string;
  /** The step lists inside this step, by label (`steps` for a group); absent when there are none. */
  readonly nested?: Readonly<Record<string, readonly StepOutline[]>>;
}

/**
 * The step lists nested in a step, by label. The one place a step kind with nesting declares it: a kind
 * that holds steps (branches, say) adds its case here, and the outline, the digest and the checks follow.
 */
export function nestedStepLists(step: StepDefinition): Readonly<Record<string, readonly StepDefinition[]>> {
  switch (step.kind) {
    case 'group':
      return { steps: step.steps };
    case 'parallel':
      return Object.fromEntries(Object.entries(step.branches).map(([branch, steps]) => [`branch:${branch}`, steps]));
    default:
      return {};
  }
}

export function stepOutline(step: StepDefinition): StepOutline {
  const lists = Object.entries(nestedStepLists(step)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (lists.length === 0) return { name: step.name, kind: step.kind };
  return {
    name: step.name,
    kind: step.kind,
    nested: Object.fromEntries(lists.map(([k, v]) => [k, v.map(stepOutline)])),
  };
}

export function workflowOutline(workflow: Pick<WorkflowDefinition, 'steps'>): StepOutline[] {
  return workflow.steps.map(stepOutline);
}

/** The version of a step list: 16 hex characters of the SHA-256 of its outline in a canonical form. */
export function outlineDigest(outline: readonly StepOutline[]): string {
  return createHash('sha256')
    .update(JSON.stringify(outline.map(canonical)))
    .digest('hex')
    .slice(0, 16);
}

const versionOfSteps = new WeakMap<readonly StepDefinition[], string>();

/** The version of a workflow's step list (ENGINE.md 14.3); computed once per step list. */
export function workflowVersion(workflow: Pick<WorkflowDefinition, 'steps'>): string {
  let version = versionOfSteps.get(workflow.steps);
  if (version === undefined) {
    version = outlineDigest(workflowOutline(workflow));
    versionOfSteps.set(workflow.steps, version);
  }
  return version;
}

/** Fixed key order at every level, so that an outline read back from jsonb digests the same. */
function canonical(outline: StepOutline): unknown[] {
  const nested = Object.entries(outline.nested ?? {})
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([label, steps]) => [label, steps.map(canonical)]);
  return [outline.name, outline.kind, nested];
}
