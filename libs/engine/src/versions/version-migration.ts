import type { WorkflowDefinition } from '../workflow';
import { matchingStep, missingRemainingSteps } from './pinned-workflow';
import type { StepOutline } from './step-outline';

/** `{ oldStepName: newStepName | null }`: where each old step goes in the code, or null to drop it. */
export type StepMapping = Readonly<Record<string, string | null>>;

export type MigrationPlan =
  /** Re-pin the process to the code's version with its next step at `stepIndex` of the code's list. */
  | { readonly kind: 'valid'; readonly stepIndex: number; readonly stepName: string }
  | { readonly kind: 'invalid'; readonly issues: readonly { path: string; message: string }[] };

/**
 * Checks a migration mapping for a process on the version `outline` at `fromIndex` (ENGINE.md 14.3):
 * every old name must be a step of that version, every new name a step of the code, and every step the
 * process has yet to run that the code lacks must be mapped. The process goes on at the first remaining
 * step that is not dropped: its own name when the code still has it, else where the mapping sends it.
 */
export function planMigration(
  outline: readonly StepOutline[],
  fromIndex: number,
  code: WorkflowDefinition,
  mapping: StepMapping,
): MigrationPlan {
  const issues: { path: string; message: string }[] = [];
  const oldNames = new Set(outline.map((s) => s.name));
  const newNames = new Set(code.steps.map((s) => s.name));
  for (const [oldName, newName] of Object.entries(mapping)) {
    if (!oldNames.has(oldName)) {
      issues.push({ path: `mapping.${oldName}`, message: `the process's version has no step "${oldName}"` });
    }
    if (newName !== null && !newNames.has(newName)) {
      issues.push({ path: `mapping.${oldName}`, message: `the workflow's code has no step "${newName}"` });
    }
  }
  for (const name of new Set(missingRemainingSteps(outline, fromIndex, code.steps))) {
    if (!Object.hasOwn(mapping, name)) {
      issues.push({
        path: 'mapping',
        message: `"${name}" is yet to run and the code no longer has it: map it to a step or to null`,
      });
    }
  }
  if (issues.length > 0) return { kind: 'invalid', issues };

  for (let index = Math.max(0, fromIndex); index < outline.length; index += 1) {
    const name = outline[index]!.name;
    if (Object.hasOwn(mapping, name)) {
      const target = mapping[name];
      if (target === null || target === undefined) continue;
      return { kind: 'valid', stepIndex: code.steps.findIndex((s) => s.name === target), stepName: target };
    }
    const same = matchingStep(outline, index, code.steps);
    if (same) return { kind: 'valid', stepIndex: code.steps.indexOf(same), stepName: same.name };
  }
  // Everything left was dropped: the process goes on at Done.
  const done = code.steps.length - 1;
  return { kind: 'valid', stepIndex: done, stepName: code.steps[done]!.name };
}
