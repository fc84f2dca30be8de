import { OrchestratorError } from './errors';
import { toStepError } from './failure';
import type { ChildProcesses, ChildSnapshot, ProcessSnapshot, StepRequest } from './ports';
import type { State } from './state';
import { getIn, setIn } from './state-path';
import type { ProcessStatus } from './statuses';
import type { ParallelStepDefinition, StepResult } from './step-types';

/** What a parallel step did, and the branch steps to request once it has committed. */
export interface ParallelOutcome {
  readonly result: StepResult;
  readonly schedule: readonly StepRequest[];
}

const ENDED_BADLY: readonly ProcessStatus[] = ['failed', 'api_unavailable', 'inconsistent_data', 'aborted'];

/**
 * Runs a parallel step (ENGINE.md 14.1) in the parent's step transaction: the fork (one branch process per
 * branch, each from a copy of the state), and then, each time a branch ends and wakes the parent, the check:
 * a failed branch fails the step; all completed is the join. A retry (`resumed`) resumes the failed
 * branches from their failed step and starts again those that were aborted; completed branches stay.
 */
export async function runParallelStep(
  step: ParallelStepDefinition,
  state: State,
  process: ProcessSnapshot,
  children: ChildProcesses | undefined,
): Promise<ParallelOutcome> {
  try {
    if (step.when && !step.when(state)) return { result: { kind: 'skipped', state }, schedule: [] };
    if (!children) throw new Error(`parallel step "${step.name}": this step store cannot start branches`);
    const names = Object.keys(step.branches);
    const latest = new Map((await children.branches(process.stepIndex)).map((child) => [child.branch, child]));
    const retrying = process.status === 'resumed';
    const broken = names.find((name) => ENDED_BADLY.includes(latest.get(name)?.status ?? 'running'));
    if (broken !== undefined && !retrying) throw branchError(step, broken, latest.get(broken)!);

    const fork = getIn(state, step.focus ?? []);
    const schedule: StepRequest[] = [];
    for (const name of names) {
      const child = latest.get(name);
      if (child && ENDED_BADLY.includes(child.status) && child.status !== 'aborted') {
        const resumed = await children.resume(child, process.actor);
        if (resumed) schedule.push(resumed);
      } else if (!child || child.status === 'aborted') {
        const branch = { workflowName: process.workflowName, stepIndex: process.stepIndex, actor: process.actor };
        schedule.push(await children.start({ ...branch, state: structuredClone(fork), branch: name }));
      }
    }
    const running = names.filter((name) => latest.get(name)?.status !== 'completed');
    if (running.length === 0) {
      return {
        result: { kind: 'success', state: setIn(state, step.focus ?? [], joined(step, fork, latest)) },
        schedule,
      };
    }
    const reason = `waiting for branch${running.length > 1 ? 'es' : ''} ${running.map((n) => `"${n}"`).join(', ')} of parallel "${step.name}"`;
    const result: StepResult = {
      kind: 'awaiting_child',
      state,
      child: { processId: process.processId, workflowName: process.workflowName, reason },
    };
    return { result, schedule };
  } catch (thrown) {
    return { result: { kind: 'failed', error: toStepError(thrown), cause: thrown }, schedule: [] };
  }
}

/** The fork's state with every branch's changes; a key changed by two branches is a conflict, named. */
function joined(step: ParallelStepDefinition, fork: State, latest: Map<string | null, ChildSnapshot>): State {
  const changedBy = new Map<string, string>();
  const merged: State = { ...fork };
  for (const name of Object.keys(step.branches)) {
    const final = latest.get(name)!.state;
    for (const key of new Set([...Object.keys(fork), ...Object.keys(final)])) {
      if (sameJson(final[key], fork[key])) continue;
      const other = changedBy.get(key);
      if (other !== undefined) {
        throw new OrchestratorError(
          'PARALLEL_JOIN_CONFLICT',
          `parallel "${step.name}": key "${key}" was written by branches "${other}" and "${name}"`,
          [{ path: key, message: `written by branches "${other}" and "${name}"` }],
        );
      }
      changedBy.set(key, name);
      if (key in final) merged[key] = final[key];
      else delete merged[key];
    }
  }
  return merged;
}

function branchError(step: ParallelStepDefinition, name: string, child: ChildSnapshot): OrchestratorError {
  const what = child.status === 'aborted' ? 'was aborted' : `failed: ${child.failedReason ?? 'no reason given'}`;
  return new OrchestratorError(
    'PARALLEL_BRANCH_FAILED',
    `branch "${name}" of parallel "${step.name}" (process ${child.processId}) ${what}`,
  );
}

/**
 * Equal as JSON, whatever the order of keys (jsonb reorders them) and whatever realm built the objects
 * (node:util's strict comparison looks at prototypes).
 */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, i) => sameJson(item, b[i]));
  }
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = Object.keys(left).filter((key) => left[key] !== undefined);
  if (keys.length !== Object.keys(right).filter((key) => right[key] !== undefined).length) return false;
  return keys.every((key) => key in right && sameJson(left[key], right[key]));
}
