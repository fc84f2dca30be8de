import { z } from 'zod';
import { defineWorkflow, inputStep, step } from '@orchestrator/engine';

/** Whether the flaky workflow's device answers: a test turns it on before it presses Retry. */
export const device = { up: false };

/** The workflows the browser tests drive (through the real API and workers). */
export const uiTestWorkflows = [
  defineWorkflow({
    name: 'ui_flaky',
    target: 'SYSTEM',
    description: 'fails until the device is up',
    steps: [
      step('Prepare', () => ({ prepared: true })),
      step('Reach device', () => {
        if (!device.up) throw new Error('device 10.0.0.1 refused the connection');
        return { reached: true };
      }),
      step('Finish', () => ({ finished: true })),
    ],
  }),
  defineWorkflow({
    name: 'ui_approval',
    target: 'SYSTEM',
    description: 'waits for an approval with a VLAN',
    steps: [
      step('Plan', () => ({ planned: 'vlan change' })),
      inputStep('Approve', {
        form: z.object({
          approver: z
            .string()
            .min(3)
            .refine((name) => name !== 'nobody', 'nobody may approve'),
          vlan: z.number().int().min(2).max(4094),
        }),
      }),
      step('Apply', (state) => ({ applied: state.vlan })),
    ],
  }),
  defineWorkflow({
    name: 'ui_greet',
    target: 'SYSTEM',
    description: 'greets somebody',
    input: z.object({ name: z.string().min(1) }),
    steps: [step('Say hello', (state) => ({ greeting: `hello ${String(state.name)}` }))],
  }),
  defineWorkflow({
    name: 'ui_bulk',
    target: 'SYSTEM',
    description: 'one quick step, started many times for the list',
    steps: [step('Only step', () => ({ ran: true }))],
  }),
];
