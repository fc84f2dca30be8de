import { defineWorkflow, step } from '@orchestrator/engine';

export const workflows = [
  defineWorkflow({ name: 'twin', target: 'SYSTEM', description: 'one twin', steps: [step('A', () => ({}))] }),
];
