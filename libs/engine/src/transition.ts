import { failedTaskStatus } from './failure';
import type { ProcessSnapshot, ProcessWrite, StepRowWrite } from './ports';
import { retryDelayMs } from './retry-policy';
import type { ProcessStatus, StepStatus } from './statuses';
import type { StepDefinition, StepResult } from './step-types';
import type { WorkflowDefinition } from './workflow';

export interface TransitionInput {
  readonly process: ProcessSnapshot;
  readonly workflow: WorkflowDefinition | undefined;
  readonly step: StepDefinition | undefined;
  readonly result: StepResult;
  readonly startedAt: Date;
  readonly completedAt: Date;
  readonly random: () => number;
  /** The token issued to a callback step's action (its `ctx.callbackUrl`). */
  readonly callbackToken?: string;
}

export interface Transition {
  readonly write: ProcessWrite;
  /** The next step to schedule after commit, or null when the process stops here. */
  readonly next: { readonly delayMs: number } | null;
}

/** A child process in one of these wakes its parent (ENGINE.md 14.2): completed, aborted or failed. */
const WAKES_PARENT: readonly ProcessStatus[] = [
  'completed',
  'aborted',
  'failed',
  'api_unavailable',
  'inconsistent_data',
];

/** Decides, without I/O, what a step's result does to its process. */
export function decideTransition(input: TransitionInput): Transition {
  const transition = decideOwnTransition(input);
  const parentId = input.process.parentId ?? null;
  if (parentId === null || !WAKES_PARENT.includes(transition.write.status)) return transition;
  return { ...transition, write: { ...transition.write, wakeParent: parentId } };
}

function decideOwnTransition(input: TransitionInput): Transition {
  const { process, result } = input;
  const stepName = input.step?.name ?? `step ${process.stepIndex}`;
  const row = (status: StepStatus, name = stepName): StepRowWrite => ({
    name,
    status,
    state: result.kind === 'failed' ? process.state : result.state,
    error: result.kind === 'failed' ? result.error : null,
    createdBy: process.actor,
    startedAt: input.startedAt,
    completedAt: input.completedAt,
  });
  const base = {
    processId: process.processId,
    expectedVersion: process.version,
    stepIndex: process.stepIndex,
    state: process.state,
    lastStep: stepName,
    failedAttempts: 0,
    nextRetryAt: null,
    failedReason: null,
    traceback: null,
    assignee: null,
    callback: null,
    foldRepeatedFailure: false,
  };

  switch (result.kind) {
    case 'success':
    case 'skipped': {
      const nextIndex = process.stepIndex + 1;
      const nextStep = input.workflow?.steps[nextIndex];
      // The implicit Done step cannot fail: it is logged in the same transaction as the step before it.
      if (nextStep?.kind === 'done' && !nextStep.when) {
        return stop(base, {
          status: 'completed',
          stepIndex: nextIndex + 1,
          state: result.state,
          lastStep: nextStep.name,
          rows: [row(result.kind), row('complete', nextStep.name)],
        });
      }
      return {
        write: { ...base, status: 'running', stepIndex: nextIndex, state: result.state, rows: [row(result.kind)] },
        next: { delayMs: 0 },
      };
    }
    case 'complete':
      return stop(base, {
        status: 'completed',
        stepIndex: process.stepIndex + 1,
        state: result.state,
        rows: [row('complete')],
      });
    case 'abort':
      return stop(base, { status: 'aborted', state: result.state, rows: [row('abort')] });
    case 'suspend':
      // The input step stays the current step: answering it (resume) logs it and moves on.
      return stop(base, {
        status: 'suspended',
        state: result.state,
        rows: [row('suspend')],
        assignee: input.step?.kind === 'input' ? input.step.assignee : null,
      });
    case 'awaiting_callback': {
      if (input.step?.kind !== 'callback' || input.callbackToken === undefined) {
        throw new Error(`step "${stepName}" awaits a callback but is not a callback step with a token`);
      }
      const timeoutMs = input.step.timeoutMs ?? null;
      return stop(base, {
        status: 'awaiting_callback',
        state: result.state,
        rows: [row('awaiting_callback')],
        callback: { token: input.callbackToken, timeoutMs },
      });
    }
    case 'awaiting_child':
      // The sub-workflow step stays the current step: the child's end wakes the process, which runs it again.
      return stop(base, {
        status: 'waiting',
        state: result.state,
        rows: [row('waiting')],
        failedReason:
          result.child.reason ??
          `waiting for sub-workflow "${result.child.workflowName}" (process ${result.child.processId})`,
      });
    case 'failed': {
      const failedAttempts = process.failedAttempts + 1;
      const failure = {
        failedAttempts,
        failedReason: result.error.message,
        traceback: result.error.stack,
        foldRepeatedFailure: true,
      };
      const stopped = (result.cause as { code?: unknown } | null)?.code === 'PARALLEL_BRANCH_STOPPED';
      if (input.step?.kind === 'retry' && failedAttempts < input.step.retry.maxAttempts && !stopped) {
        const delayMs = retryDelayMs(input.step.retry, failedAttempts, input.random);
        return {
          write: {
            ...base,
            ...failure,
            status: 'waiting',
            nextRetryAt: new Date(input.completedAt.getTime() + delayMs),
            rows: [row('waiting')],
          },
          next: { delayMs },
        };
      }
      const status: ProcessStatus = process.isTask ? failedTaskStatus(result.cause) : 'failed';
      return stop(base, { ...failure, status, rows: [row('failed')] });
    }
  }
}

function stop(
  base: Omit<ProcessWrite, 'status' | 'rows'>,
  changes: Partial<ProcessWrite> & Pick<ProcessWrite, 'status' | 'rows'>,
): Transition {
  return { write: { ...base, ...changes }, next: null };
}
