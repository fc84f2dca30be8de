import { z } from 'zod';
import { defineProduct, modifyWorkflow, step } from '@orchestrator/engine';

export const workflows = [
  modifyWorkflow({ name: 'modify_widget', description: 'modify a widget', steps: [step('A', () => ({}))] }),
];

export const products = [
  defineProduct({
    name: 'widget',
    productType: 'Widget',
    tag: 'WIDGET',
    description: 'a widget',
    data: z.object({ colour: z.string() }),
    workflows: ['modify_widget'],
  }),
];
