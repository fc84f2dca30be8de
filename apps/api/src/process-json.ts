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
    branches: process.branches ?? [],
    currentState: process.state ?? {},
    form,
    steps: [...executed, ...remaining.map((step) => ({ name: step.name, status: 'pending' as const }))],
  };
}
