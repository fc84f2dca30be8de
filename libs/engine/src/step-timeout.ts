import { StepTimeoutError } from './errors';
import { toStepError } from './failure';
import type { OpenedStep } from './ports';
import type { StepDefinition, StepResult } from './step-types';

/** The `timeoutMs` of the kinds that take one (a callback step's is how long it waits for its callback). */
export function stepTimeoutMs(step: StepDefinition): number | undefined {
  return step.kind === 'step' || step.kind === 'retry' || step.kind === 'group' ? step.timeoutMs : undefined;
}

/**
 * Runs the step within its `timeoutMs` (ENGINE.md 14.4). Past it, the step's transaction is interrupted
 * (further statements refused, the one in flight cancelled) and the result is a StepTimeoutError failure,
 * recorded like any other; what the step function returns later is ignored. So is a result that arrives
 * after the deadline because the event loop was blocked past it.
 */
export async function runWithinTimeout(
  step: StepDefinition,
  opened: OpenedStep,
  run: () => Promise<StepResult>,
): Promise<StepResult> {
  const timeoutMs = stepTimeoutMs(step);
  if (timeoutMs === undefined) return run();
  await opened.limitTo(timeoutMs);
  const startedAt = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), timeoutMs);
  });
  try {
    const result = await Promise.race([run(), expired]);
    if (result !== undefined && performance.now() - startedAt <= timeoutMs) return result;
  } finally {
    clearTimeout(timer);
  }
  await opened.interrupt();
  const error = new StepTimeoutError(step.name, timeoutMs);
  return { kind: 'failed', error: toStepError(error), cause: error };
}
