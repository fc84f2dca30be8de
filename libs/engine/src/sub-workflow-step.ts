import { OrchestratorError } from './errors';
import { toStepError } from './failure';
import type { ChildProcesses, ChildSnapshot, ProcessSnapshot, StepRequest } from './ports';
import type { WorkflowRegistry } from './registry';
import { mergeState, type State } from './state';
import { getIn, setIn } from './state-path';
import type { ProcessStatus } from './statuses';
import type { StepResult, SubWorkflowStepDefinition } from './step-types';

/** What a sub-workflow step did, and the child step to request once it has committed (if any). */
export interface SubWorkflowOutcome {
  readonly result: StepResult;
  readonly schedule: StepRequest | null;
}

/** A child in one of these ended in failure: the parent's step fails, and a retry of the parent resumes it. */
const FAILED_CHILD: readonly ProcessStatus[] = ['failed', 'api_unavailable', 'inconsistent_data'];

/**
 * Runs a sub-workflow step (ENGINE.md 14.2) in the parent's step transaction. It runs again whenever the
 * child wakes the parent (completion, failure, abort) and on every retry of the parent: it reads the
 * newest child of this step and decides from its status. `resumed` is how a retry is told from a wake-up.
 */
export async function runSubWorkflowStep(
  step: SubWorkflowStepDefinition,
  state: State,
  process: ProcessSnapshot,
  children: ChildProcesses | undefined,
  registry: WorkflowRegistry,
): Promise<SubWorkflowOutcome> {
  try {
    if (step.when && !step.when(state)) return { result: { kind: 'skipped', state }, schedule: null };
    if (!children) throw new Error(`sub-workflow step "${step.name}": this step store cannot start child processes`);
    const retrying = process.status === 'resumed';
    const child = await children.latest(process.stepIndex);
    if (child) {
      if (child.status === 'completed') return { result: completed(step, state, child), schedule: null };
      if (FAILED_CHILD.includes(child.status)) {
        if (!retrying) throw childError(step, child, `failed: ${child.failedReason ?? 'no reason given'}`);
        const request = await children.resume(child, process.actor);
        if (!request) throw new Error(`sub-workflow "${step.workflowName}" (process ${child.processId}) moved on`);
        return { result: awaiting(state, child), schedule: request };
      }
      // An aborted child fails the step; a retry starts a new child.
      if (child.status === 'aborted' && !retrying) throw childError(step, child, 'was aborted');
      if (child.status !== 'aborted') return { result: awaiting(state, child), schedule: null };
    }
    const workflow = registry.get(step.workflowName);
    if (!workflow)
      throw new Error(`sub-workflow step "${step.name}": workflow "${step.workflowName}" is not registered`);
    if (workflow.inputForm || workflow.subscription) {
      throw new Error(
        `sub-workflow step "${step.name}": "${step.workflowName}" has a multi-page form or locks a subscription at start, which a sub-workflow cannot`,
      );
    }
    const input = childInput(step, state);
    const request = await children.start({
      workflowName: workflow.name,
      stepIndex: process.stepIndex,
      state: input,
      actor: process.actor,
    });
    return {
      result: awaiting(state, { processId: request.processId, workflowName: workflow.name }),
      schedule: request,
    };

    function childInput(definition: SubWorkflowStepDefinition, current: State): State {
      const given = mergeState({}, definition.input(structuredClone(getIn(current, definition.focus ?? []))));
      if (!workflow?.input) return given;
      const parsed = workflow.input.safeParse(given);
      if (parsed.success) return parsed.data as State;
      const details = parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
      throw new OrchestratorError(
        'VALIDATION_FAILED',
        `sub-workflow step "${definition.name}": the input for "${definition.workflowName}" is invalid: ${details.map((d) => `${d.path}: ${d.message}`).join('; ')}`,
        details,
      );
    }
  } catch (thrown) {
    return { result: { kind: 'failed', error: toStepError(thrown), cause: thrown }, schedule: null };
  }
}

function completed(step: SubWorkflowStepDefinition, state: State, child: ChildSnapshot): StepResult {
  const focus = step.focus ?? [];
  const merged = mergeState(getIn(state, focus), { [step.resultKey]: child.state });
  return { kind: 'success', state: setIn(state, focus, merged) };
}

function awaiting(state: State, child: { processId: string; workflowName: string }): StepResult {
  return { kind: 'awaiting_child', state, child: { processId: child.processId, workflowName: child.workflowName } };
}

function childError(step: SubWorkflowStepDefinition, child: ChildSnapshot, what: string): OrchestratorError {
  return new OrchestratorError(
    'SUB_WORKFLOW_FAILED',
    `sub-workflow "${step.workflowName}" (process ${child.processId}) ${what}`,
  );
}
