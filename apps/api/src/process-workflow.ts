import type { WorkflowVersions } from '@orchestrator/db';
import {
  pinWorkflow,
  workflowOf,
  workflowOnVersion,
  workflowVersion,
  type StepOutline,
  type WorkflowDefinition,
  type WorkflowRegistry,
} from '@orchestrator/engine';
import { ApiError } from './api-error';

export interface ProcessWorkflowDeps {
  registry: WorkflowRegistry;
  versions: WorkflowVersions;
}

interface PinnedProcess {
  readonly workflowName: string;
  readonly workflowVersion?: string | null;
  readonly stepIndex: number;
  /** A branch process of a parallel step (ENGINE.md 14.1) runs its branch's steps; its parent is the one pinned. */
  readonly branch?: string | null;
  readonly parentStepIndex?: number | null;
}

/**
 * The workflow of a process as this API's code and the recorded versions give it (ENGINE.md 14.3):
 * `runnable` on the process's version (every remaining step still in the code), `changed` (the code lacks
 * `missing`; `workflow` lists the version's steps for reading), or `removed` (not registered any more).
 */
export type ProcessWorkflow =
  | { readonly kind: 'runnable'; readonly workflow: WorkflowDefinition }
  | { readonly kind: 'changed'; readonly workflow: WorkflowDefinition | undefined; readonly missing: readonly string[] }
  | { readonly kind: 'removed' };

export async function processWorkflow(deps: ProcessWorkflowDeps, process: PinnedProcess): Promise<ProcessWorkflow> {
  const { branch, parentStepIndex } = process;
  if (branch != null && parentStepIndex != null) {
    const steps = workflowOf(deps.registry, {
      workflowName: process.workflowName,
      branch: { name: branch, parentStepIndex },
    });
    return steps ? { kind: 'runnable', workflow: steps } : { kind: 'removed' };
  }
  const code = deps.registry.get(process.workflowName);
  if (!code) return { kind: 'removed' };
  const pinnedTo = process.workflowVersion ?? null;
  const recorded = await recordedOutline(deps, code, pinnedTo);
  const pinned = pinWorkflow(code, pinnedTo, recorded, process.stepIndex);
  if (pinned.kind !== 'changed') return { kind: 'runnable', workflow: pinned.workflow };
  return { kind: 'changed', workflow: recorded && workflowOnVersion(code, recorded), missing: pinned.missing };
}

/** The workflow a resume or a migration may act on: 409 WORKFLOW_REMOVED, or WORKFLOW_CHANGED naming the steps. */
export async function runnableWorkflow(
  deps: ProcessWorkflowDeps,
  processId: string,
  process: PinnedProcess,
): Promise<WorkflowDefinition> {
  const found = await processWorkflow(deps, process);
  switch (found.kind) {
    case 'runnable':
      return found.workflow;
    case 'removed':
      throw workflowRemoved(processId, process.workflowName);
    case 'changed':
      throw new ApiError(
        'WORKFLOW_CHANGED',
        found.missing.length > 0
          ? `workflow "${process.workflowName}" no longer has the steps process ${processId} has yet to run (${found.missing.join(', ')}): migrate it first (POST /api/processes/${processId}/migrate)`
          : `the version ${String(process.workflowVersion)} of workflow "${process.workflowName}" is not recorded: migrate process ${processId} first`,
        found.missing.map((name) => ({ path: name, message: 'yet to run, and the code no longer has this step' })),
      );
  }
}

export function workflowRemoved(processId: string, workflowName: string): ApiError {
  return new ApiError(
    'WORKFLOW_REMOVED',
    `workflow "${workflowName}" of process ${processId} is no longer registered: the process can be read, not resumed`,
  );
}

async function recordedOutline(
  deps: ProcessWorkflowDeps,
  code: WorkflowDefinition,
  pinnedTo: string | null,
): Promise<readonly StepOutline[] | undefined> {
  if (pinnedTo === null || pinnedTo === workflowVersion(code)) return undefined;
  return deps.versions.outlineOf(code.name, pinnedTo);
}
