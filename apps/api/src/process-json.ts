import type { ProcessRecord, StepRecord } from '@orchestrator/db';
import { isFinalStatus, stateDelta, type WorkflowDefinition, type WorkflowTarget } from '@orchestrator/engine';

/** A process as list items show it (ENGINE.md 8.11): the detail without steps, currentState and form. */
export function processListItem(process: ProcessRecord) {
  return {
    id: process.processId,
    workflowName: process.workflowName,
    workflowTarget: process.workflowTarget as WorkflowTarget,
    isTask: process.isTask,
    status: process.status,
    lastStep: process.lastStep,
    assignee: process.assignee,
    failedReason: process.failedReason,
    traceback: process.traceback,
    createdBy: process.createdBy,
    startedAt: process.startedAt,
    lastModifiedAt: process.lastModifiedAt,
    note: process.note,
    subscriptionIds: process.subscriptionIds,
    callbackProgress: process.callbackProgress ?? null,
    // retryStep schedule: when the waiting step runs again, and how many attempts have failed so far
    nextRetryAt: process.nextRetryAt,
    failedAttempts: process.failedAttempts,
  };
}

export function processDetail(
  process: ProcessRecord,
  steps: StepRecord[],
  workflow: WorkflowDefinition | undefined,
  /** The JSON Schema of the input a suspended process waits for. */
  form: Record<string, unknown> | null = null,
) {
  const executed = steps.map((step, index) => ({
    id: step.stepId,
    name: step.name,
    status: step.status,
    state: step.state,
    // Against the previous row's state (ENGINE.md 11.3); the first row added all of its own.
    stateDelta: stateDelta(steps[index - 1]?.state, step.state),
    error: step.error,
    createdBy: step.createdBy,
    startedAt: step.startedAt,
    completedAt: step.completedAt,
    retries: step.retries,
    branch: step.branch ?? null,
  }));
  const remaining = isFinalStatus(process.status) || !workflow ? [] : workflow.steps.slice(process.stepIndex);
  return {
    ...processListItem(process),
    workflowVersion: process.workflowVersion ?? null,
    parentId: process.parentId ?? null,
    childIds: process.childIds ?? [],
    branch: process.branch ?? null,
    branches: (process.branches ?? []).map((branch) => branchDetail(branch, workflow)),
    currentState: process.state ?? {},
    form,
    steps: [...executed, ...remaining.map((step) => ({ name: step.name, status: 'pending' as const }))],
  };
}

type BranchRecord = NonNullable<ProcessRecord['branches']>[number];

/**
 * A branch process as its parent's detail lists it, with the steps it has yet to run: the branch's steps on
 * the parent's version from the branch process's own index (its step list is Start, the branch's steps, Done).
 */
function branchDetail(branch: BranchRecord, workflow: WorkflowDefinition | undefined) {
  const parallel = workflow?.steps[branch.stepIndex];
  const steps = parallel?.kind === 'parallel' ? (parallel.branches[branch.name] ?? []) : [];
  const pending = isFinalStatus(branch.status) ? [] : steps.slice(Math.max(branch.branchStepIndex - 1, 0));
  return {
    name: branch.name,
    processId: branch.processId,
    status: branch.status,
    stepIndex: branch.stepIndex,
    pendingSteps: pending.map((step) => step.name),
  };
}
