import { defineWorkflow, step } from '@orchestrator/engine';

export const workflows = [
  defineWorkflow({
    name: 'from_named_export',
    target: 'SYSTEM',
    description: 'named export',
    steps: [step('A', () => ({}))],
  }),
];
