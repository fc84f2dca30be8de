import { z } from 'zod';
import { formPage, isFormGenerator, runForm, type FormContext } from './forms';
import { modifyWorkflow } from './dsl/subscription-workflows';
import { NO_SUBSCRIPTION_SERVICE } from './subscriptions';

const ctx: FormContext = { subscriptions: NO_SUBSCRIPTION_SERVICE, actor: 'ann', workflowName: 'order' };

async function* order(_state: object, context: FormContext) {
  const { size } = yield* formPage(z.object({ size: z.enum(['S', 'L']) }));
  const extra = size === 'L' ? yield* formPage(z.object({ crane: z.boolean() })) : { crane: false };
  return { size, ...extra, by: context.actor };
}

describe('a multi-page form', () => {
  it('tells an async generator function from a schema or a form function', () => {
    expect([order, () => z.object({}), z.object({})].map(isFormGenerator)).toEqual([true, false, false]);
  });

  it('asks for the first page when no page is answered, and for the next one after each valid answer', async () => {
    expect(await runForm(order, {}, ctx, [])).toMatchObject({ kind: 'incomplete', page: 0, form: { type: 'object' } });
    const second = await runForm(order, {}, ctx, [{ size: 'L' }]);
    expect(second).toMatchObject({ kind: 'incomplete', page: 1 });
    expect(second.kind === 'incomplete' && Object.keys(second.form.properties as object)).toEqual(['crane']);
  });

  it('returns what the generator returns once every page it asks for is answered', async () => {
    expect(await runForm(order, {}, ctx, [{ size: 'S' }])).toEqual({
      kind: 'complete',
      value: { size: 'S', crane: false, by: 'ann' },
    });
    expect(await runForm(order, {}, ctx, [{ size: 'L' }, { crane: true }])).toEqual({
      kind: 'complete',
      value: { size: 'L', crane: true, by: 'ann' },
    });
  });

  it('names the page of an invalid answer, and refuses more answers than pages', async () => {
    expect(await runForm(order, {}, ctx, [{ size: 'L' }, { crane: 'yes' }])).toEqual({
      kind: 'invalid',
      page: 1,
      issues: [{ path: 'crane', message: expect.any(String) }],
    });
    expect(await runForm(order, {}, ctx, [{ size: 'S' }, {}])).toMatchObject({ kind: 'invalid', page: 1 });
  });

  it('is a form of a locking workflow whose first page names the subscription', async () => {
    const workflow = modifyWorkflow({ name: 'modify_size', description: 'm', input: order, steps: [] });
    const form = workflow.inputForm!;
    expect(await runForm(form, {}, ctx, [])).toMatchObject({
      kind: 'incomplete',
      page: 0,
      form: { required: ['subscriptionId'] },
    });
    const id = '6f0c1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b';
    expect(await runForm(form, {}, ctx, [{ subscriptionId: id }, { size: 'S' }])).toEqual({
      kind: 'complete',
      value: { size: 'S', crane: false, by: 'ann', subscriptionId: id },
    });
  });
});
