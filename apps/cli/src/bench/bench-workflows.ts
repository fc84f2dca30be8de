import { defineWorkflow, step, type StepDefinition } from '@orchestrator/engine';

export const BENCH_STEPS = 10;

/** Ten trivial steps, each returning its input + 1, like the peer benchmarks in shared/bench. */
const steps: StepDefinition[] = Array.from({ length: BENCH_STEPS }, (_, index) =>
  step(`Step ${index + 1}`, (state) => ({ n: Number(state.n ?? 0) + 1 })),
);

export const benchTenSteps = defineWorkflow({
  name: 'bench_ten_steps',
  target: 'SYSTEM',
  description: 'benchmark: ten trivial steps',
  steps,
});

export default [benchTenSteps];
