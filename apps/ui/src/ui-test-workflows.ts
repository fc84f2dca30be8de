import { z } from 'zod';
import { defineWorkflow, formPage, inputStep, step, task } from '@orchestrator/engine';

/** Whether the flaky workflow's device answers: a test turns it on before it presses Retry. */
export const device = { up: false };

/** A two-page start form: the second page's choices depend on the first page's answer. */
async function* orderForm() {
  const { quantity } = yield* formPage(z.object({ quantity: z.number().int().min(1) }));
  const sizes = quantity > 10 ? (['pallet', 'crate'] as const) : (['box', 'crate'] as const);
  const { packaging } = yield* formPage(z.object({ packaging: z.enum(sizes) }));
  return { quantity, packaging };
}

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
      step('Report', () => ({ done: true })),
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
  defineWorkflow({
    name: 'ui_order',
    target: 'SYSTEM',
    description: 'orders through a two-page form',
    input: orderForm,
    steps: [step('Place order', (state) => ({ placed: `${String(state.quantity)} in ${String(state.packaging)}` }))],
  }),
  task({
    name: 'task_ui_cleanup',
    description: 'a task an admin deletes when done',
    steps: [step('Clean up', () => ({ cleaned: true }))],
  }),
];
