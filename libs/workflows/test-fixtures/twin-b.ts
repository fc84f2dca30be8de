import { defineWorkflow, step } from '@orchestrator/engine';

export const workflows = [
  defineWorkflow({ name: 'twin', target: 'SYSTEM', description: 'the other twin', steps: [step('B', () => ({}))] }),
];
