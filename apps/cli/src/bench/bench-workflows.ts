import { defineWorkflow, step, type StepDefinition } from './orchestrator-packages/engine';

export const BENCH_STEPS = 10;

const trivialSteps = (count: number): StepDefinition[] =>
  Array.from({ length: count }, (_, index) => step(`Step ${index + 1}`, (state) => ({ n: Number(state.n ?? 0) + 1 })));

/** Ten trivial steps, each returning its input + 1, like the peer benchmarks in shared/bench. */
export const benchTenSteps = defineWorkflow({
  name: 'bench_ten_steps',
  target: 'SYSTEM',
  description: 'benchmark: ten trivial steps',
  steps: trivialSteps(BENCH_STEPS),
});

export default [benchTenSteps];
