import { z } from 'zod';
import { formPage, type FormContext } from '../forms';
import { NO_SUBSCRIPTION_SERVICE } from '../subscriptions';
import { typeOf } from '../testing/type-assertions';
import { workflow } from './typed-workflow';

// Type tests of multi-page forms in the typed builder (ENGINE.md 13.7): a form generator's result types the
// state after it, as an input schema's output does. `npm run typecheck` checks the @ts-expect-error lines.

const ctx: FormContext = { subscriptions: NO_SUBSCRIPTION_SERVICE, actor: 'ann', workflowName: 'w' };

async function* orderForm(_state: object, context: FormContext) {
  const { size } = yield* formPage(z.object({ size: z.enum(['S', 'L']) }));
  const { crane } = yield* formPage(z.object({ crane: z.boolean().default(false) }));
  return { size, crane, by: context.actor };
}

describe('the typed builder with multi-page forms', () => {
  it("types the first step's state by what the workflow's form returns", () => {
    const built = workflow({ name: 'order_crate', target: 'SYSTEM', description: 'o', input: orderForm })
      .step('Pack', (state) => {
        typeOf(state).is<Readonly<{ size: 'S' | 'L'; crane: boolean; by: string }>>(true);
        // @ts-expect-error the form returns size, not colour
        return { packed: state.colour };
      })
      .build();
    expect(built.inputForm).toBe(orderForm);
    expect(built.input).toBeUndefined();
  });

  it("gives a locking workflow's form the subscription its first page chose", () => {
    const built = workflow
      .modify({
        name: 'resize_crate',
        description: 'r',
        input: async function* (state, context) {
          typeOf(state).is<{ subscriptionId: string; version?: number | undefined }>(true);
          const { size } = yield* formPage(z.object({ size: z.enum(['S', 'L']) }));
          return { size, seen: (await context.subscriptions.list()).length };
        },
      })
      .step('Resize', (state) => {
        typeOf(state).is<
          Readonly<{ size: 'S' | 'L'; seen: number; subscriptionId: string; version?: number | undefined }>
        >(true);
        return {};
      })
      .build();
    expect(built.subscription).toMatchObject({ lockOnStart: true });
  });

  it("adds an input step's multi-page answer to the state", () => {
    workflow({ name: 'confirm_crate', target: 'SYSTEM', description: 'c', input: z.object({ id: z.string() }) })
      .inputStep('Confirm', {
        form: async function* (state) {
          typeOf(state).is<Readonly<{ id: string }>>(true);
          return yield* formPage(z.object({ ok: z.literal(true) }));
        },
      })
      .step('Ship', (state) => {
        typeOf(state).is<Readonly<{ id: string; ok: true }>>(true);
        return {};
      })
      .build();
    expect(ctx.actor).toBe('ann');
  });
});
