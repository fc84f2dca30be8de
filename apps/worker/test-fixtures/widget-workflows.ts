import { z } from 'zod';
import {
  createWorkflow,
  defineProduct,
  defineWorkflow,
  modifyWorkflow,
  step,
  terminateWorkflow,
  validateWorkflow,
} from '@orchestrator/engine';

// The products and subscription workflows of the start-rule tests (subscription-gates.int.test.ts), with a
// gate that holds their Paint step and a start predicate that answers when the test says so.

let releaseHold: () => void = () => undefined;
let hold = Promise.resolve();

/** From now on, the Paint step of every widget workflow waits until releaseSteps(). */
export function holdSteps(): void {
  hold = new Promise((resolve) => (releaseHold = resolve));
}

export function releaseSteps(): void {
  releaseHold();
}

export const widget = defineProduct({
  name: 'widget',
  productType: 'Widget',
  tag: 'WGT',
  description: 'a widget',
  fixedInputs: { material: 'steel' },
  data: z.object({ colour: z.enum(['red', 'green', 'blue']), size: z.number().int().min(1).default(1) }),
  workflows: ['plain_modify_widget'],
});
export const gizmo = defineProduct({
  name: 'gizmo',
  productType: 'Gizmo',
  tag: 'GZM',
  description: 'a gizmo',
  data: z.object({}),
  workflows: ['create_gizmo'],
});

export const createWidget = createWorkflow({
  name: 'create_widget',
  product: 'widget',
  description: 'create a widget',
  input: z.object({ customerId: z.string(), colour: z.string(), dependsOn: z.uuid().optional() }),
  steps: [
    step('Create widget', async (state, ctx) => {
      const created = await ctx.subscriptions.create({
        productName: 'widget',
        customerId: state.customerId,
        description: `a ${state.colour} widget`,
        data: { colour: state.colour },
      });
      if (state.dependsOn) await ctx.subscriptions.relate(created.id, state.dependsOn);
      return { subscriptionId: created.id };
    }),
  ],
});
export const createGizmo = createWorkflow({
  name: 'create_gizmo',
  description: 'create a gizmo',
  steps: [
    step('Create gizmo', async (_state, ctx) => ({
      subscriptionId: (
        await ctx.subscriptions.create({ productName: 'gizmo', customerId: 'c', description: 'g', data: {} })
      ).id,
    })),
  ],
});
const paint = step('Paint', async (state, ctx) => {
  await hold;
  const current = await ctx.subscriptions.get(state.subscriptionId);
  await ctx.subscriptions.update(current.id, { data: { ...current.data, colour: state.colour }, note: 'painted' });
});
export const modifyWidget = modifyWorkflow({
  name: 'modify_widget',
  product: 'widget',
  description: 'repaint a widget',
  input: z.object({ colour: z.string() }),
  steps: [paint],
});
export const reconcileWidget = modifyWorkflow({
  name: 'reconcile_widget',
  product: 'widget',
  target: 'RECONCILE',
  description: 'reconcile a widget',
  steps: [step('Reconcile', () => ({ reconciled: true }))],
});
export const repaintAnyway = modifyWorkflow({
  name: 'repaint_anyway',
  product: 'widget',
  allowOutOfSync: true,
  description: 'repaint even out of sync',
  input: z.object({ colour: z.string() }),
  steps: [paint],
});
/** A start predicate that asks another system, and takes its time: it waits until the test lets it answer. */
let answerPredicate: (verdict: boolean) => void = () => undefined;
let predicateAsked = 0;

/** How many times the careful start predicate has been asked so far. */
export const predicateAskedCount = (): number => predicateAsked;

/** Lets the careful start predicate that is thinking now answer. */
export function answerCarefulPredicate(verdict: boolean): void {
  answerPredicate(verdict);
}
export const carefulModify = modifyWorkflow({
  name: 'careful_modify_widget',
  product: 'widget',
  description: 'repaint a widget after asking the paint shop',
  input: z.object({ colour: z.string() }),
  startPredicate: () => {
    predicateAsked += 1;
    return new Promise<boolean>((resolve) => (answerPredicate = resolve));
  },
  steps: [paint],
});

export const validateWidget = validateWorkflow({
  name: 'validate_widget',
  product: 'widget',
  description: 'validate a widget',
  steps: [step('Check', () => ({ checked: true }))],
});
export const validateWidgetTask = validateWorkflow({
  name: 'task_validate_widget',
  product: 'widget',
  isTask: true,
  description: 'validate a widget (task)',
  steps: [step('Check', () => ({ checked: true }))],
});
export const terminateWidget = terminateWorkflow({
  name: 'terminate_widget',
  product: 'widget',
  description: 'terminate a widget',
  steps: [step('Dismantle', () => ({ dismantled: true }))],
});
export const plainModify = defineWorkflow({
  name: 'plain_modify_widget',
  target: 'MODIFY',
  description: 'a plain MODIFY workflow: never gated',
  input: z.object({ subscriptionId: z.uuid() }),
  startPredicate: (input) => input.subscriptionId !== '00000000-0000-4000-8000-000000000000' || 'not that one',
  steps: [step('Look', async (state, ctx) => ({ seen: (await ctx.subscriptions.get(state.subscriptionId)).status }))],
});
