import { defineWorkflow, step } from '@orchestrator/engine';

// A module defining a workflow the built-in ones already have: start-up stops, naming both.
export const workflows = [
  defineWorkflow({ name: 'hello_world', target: 'SYSTEM', description: 'again', steps: [step('Greet', () => ({}))] }),
];
