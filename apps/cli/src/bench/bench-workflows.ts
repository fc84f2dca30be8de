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

/** One trivial step: the scale bench's backlog (100,000 of them drain in minutes, not an hour). */
export const benchOneStep = defineWorkflow({
  name: 'bench_one_step',
  target: 'SYSTEM',
  description: 'benchmark: one trivial step',
  steps: trivialSteps(1),
});

export default [benchTenSteps, benchOneStep];
