import { z } from 'zod';
import { defineWorkflow, step } from '@orchestrator/engine';

/** The smallest useful workflow: greets someone. Handy to check that an installation works. */
export const helloWorld = defineWorkflow({
  name: 'hello_world',
  target: 'SYSTEM',
  description: 'Greets someone',
  input: z.object({ name: z.string().min(1) }),
  steps: [
    step('Greet', (state) => ({ greeting: `hello ${String(state.name)}` })),
    step('Remember the greeting', (state) => ({
      greeted: [String(state.name)],
      length: String(state.greeting).length,
    })),
  ],
});
