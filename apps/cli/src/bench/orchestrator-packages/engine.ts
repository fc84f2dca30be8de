// The bench reaches each package of ours through one file like this one, so that a rename in a package's
// public index is a one-line fix here.
export { defineWorkflow, step, type StepDefinition } from '@orchestrator/engine';
