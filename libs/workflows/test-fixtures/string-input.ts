import { z } from 'zod';
import { defineWorkflow } from '@orchestrator/engine';

export const workflows = [
  defineWorkflow({
    name: 'greet_by_name',
    target: 'SYSTEM',
    description: 'a string input',
    input: z.string(),
    steps: [],
  }),
];
