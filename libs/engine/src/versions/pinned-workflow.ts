import type { StepDefinition } from '../step-types';
import type { WorkflowDefinition } from '../workflow';
import { workflowVersion, type StepOutline } from './step-outline';

/**
 * The workflow a process runs, seen from the code this API or worker has (ENGINE.md 14.3):
 * - `current`: the process is on the code's version (or from before versions were recorded);
 * - `pinned`: on another version whose remaining steps the code still has: `workflow.steps` is the
 *   version's step list, each step the code's step of that name (and kind) at that position, so step
 *   indexes keep their meaning;
 * - `changed`: the code lacks steps the process has yet to run (`missing`, by name).
 */
export type PinnedWorkflow =
  | { readonly kind: 'current'; readonly workflow: WorkflowDefinition }
  | { readonly kind: 'pinned'; readonly workflow: WorkflowDefinition }
  /** `stepName`: the version's step at the process's position, when the version is known. */
  | { readonly kind: 'changed'; readonly missing: readonly string[]; readonly stepName?: string };

/**
 * The code's step for `outline[index]`: the step with the same name and kind, matched by position among
 * same-named steps (the k-th `Check` of the version is the k-th `Check` of the code).
 */
export function matchingStep(
  outline: readonly StepOutline[],
  index: number,
  code: readonly StepDefinition[],
): StepDefinition | undefined {
  const wanted = outline[index];
  if (wanted === undefined) return undefined;
  const occurrence = outline.slice(0, index).filter((s) => s.name === wanted.name).length;
  const candidate = code.filter((s) => s.name === wanted.name)[occurrence];
  return candidate?.kind === wanted.kind ? candidate : undefined;
}

/** The names of the steps from `fromIndex` on (those the process has yet to run) that the code lacks. */
export function missingRemainingSteps(
  outline: readonly StepOutline[],
  fromIndex: number,
  code: readonly StepDefinition[],
): string[] {
  const missing: string[] = [];
  for (let index = Math.max(0, fromIndex); index < outline.length; index += 1) {
    if (!matchingStep(outline, index, code)) missing.push(outline[index]!.name);
  }
  return missing;
}

/**
 * Resolves the workflow of a process on `processVersion` at `fromIndex`. `recorded` is that version's
 * outline as the database keeps it (only read when the versions differ); `undefined` when it is unknown.
 */
export function pinWorkflow(
  code: WorkflowDefinition,
  processVersion: string | null,
  recorded: readonly StepOutline[] | undefined,
  fromIndex: number,
): PinnedWorkflow {
  if (processVersion === null || processVersion === workflowVersion(code)) return { kind: 'current', workflow: code };
  if (recorded === undefined) return { kind: 'changed', missing: [] };
  const missing = missingRemainingSteps(recorded, fromIndex, code.steps);
  if (missing.length > 0) return { kind: 'changed', missing, stepName: recorded[fromIndex]?.name };
  return { kind: 'pinned', workflow: workflowOnVersion(code, recorded) };
}

/**
 * The code's workflow with a version's step list: each step the code's of that name and kind at that
 * position, a step the code lacks a placeholder that is listed but fails when run.
 */
export function workflowOnVersion(code: WorkflowDefinition, outline: readonly StepOutline[]): WorkflowDefinition {
  const steps = outline.map((step, index) => matchingStep(outline, index, code.steps) ?? placeholder(step));
  return { ...code, steps };
}

/** A step the process ran already and the code no longer has: listed, never run again. */
function placeholder(outline: StepOutline): StepDefinition {
  return {
    kind: 'step',
    name: outline.name,
    fn: () => {
      throw new Error(`step "${outline.name}" is no longer in the code`);
    },
  };
}
