import type { ExecutedStep, ProcessDetail } from '@orchestrator/client';

export type TimelineStep = ProcessDetail['steps'][number];

export interface StepBar {
  /** Where the bar starts and how wide it is, in percent of the process's span. */
  left: number;
  width: number;
  durationMs: number | null;
}

export const isExecuted = (step: TimelineStep): step is ExecutedStep => step.status !== 'pending';

/** Each executed step's bar on one time axis, from the first step's start to the last end (or now). */
export function stepBars(steps: readonly TimelineStep[], now: number): (StepBar | null)[] {
  const executed = steps.filter(isExecuted);
  if (executed.length === 0) return steps.map(() => null);
  const start = Math.min(...executed.map((step) => Date.parse(step.startedAt)));
  const end = Math.max(...executed.map((step) => (step.completedAt ? Date.parse(step.completedAt) : now)));
  const span = Math.max(end - start, 1);
  return steps.map((step) => {
    if (!isExecuted(step)) return null;
    const from = Date.parse(step.startedAt);
    const to = step.completedAt ? Date.parse(step.completedAt) : now;
    return {
      left: ((from - start) / span) * 100,
      width: Math.max(((to - from) / span) * 100, 0.5),
      durationMs: step.completedAt ? to - from : null,
    };
  });
}

export function formatDuration(ms: number | null): string {
  if (ms === null) return 'running';
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}
