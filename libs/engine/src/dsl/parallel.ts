import type { ParallelStepDefinition, StepDefinition } from '../step-types';
import { expandInteractionSteps } from './interaction-steps';
import { checkedName } from './step-name';

/**
 * One step whose branches run at the same time, each branch step its own job and transaction on any worker
 * (ENGINE.md 14.1). Each branch starts from a copy of the state at the fork; at the join their changes are
 * merged, and a key changed by two branches fails the join naming it (use `focusSteps` per branch).
 */
export function parallel(name: string, branches: Record<string, readonly StepDefinition[]>): ParallelStepDefinition {
  checkedName(name);
  const entries = Object.entries(branches ?? {});
  if (entries.length === 0) throw new TypeError(`parallel "${name}" needs at least one branch`);
  const checked: Record<string, readonly StepDefinition[]> = {};
  for (const [branch, steps] of entries) {
    if (branch.trim() === '') throw new TypeError(`parallel "${name}": a branch needs a non-empty name`);
    if (!Array.isArray(steps) || steps.length === 0) {
      throw new TypeError(`parallel "${name}": branch "${branch}" needs at least one step`);
    }
    assertBranchSteps(name, branch, steps);
    checked[branch] = expandInteractionSteps(steps);
  }
  return { kind: 'parallel', name, branches: checked };
}

/**
 * What a branch cannot hold yet: nested parallels. Input and callback steps are fine: they suspend only their
 * branch process, whose own id is in the resume and callback URLs.
 */
function assertBranchSteps(name: string, branch: string, steps: readonly StepDefinition[]): void {
  for (const inner of steps) {
    if (inner.kind === 'parallel') {
      throw new TypeError(
        `parallel "${name}": branch "${branch}" cannot hold the ${inner.kind} step "${inner.name}" (not supported in a branch)`,
      );
    }
  }
}
