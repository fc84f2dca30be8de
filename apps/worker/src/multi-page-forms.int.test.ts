import { z } from 'zod';
import { defineProduct, defineWorkflow, formPage, inputStep, step, type FormContext } from '@orchestrator/engine';
import { startTestStack, waitFor, type TestStack } from '@orchestrator/test-stack';

// Multi-page forms (ENGINE.md 13.7) for a workflow's input and for an input step: 510 with the next page
// until every page is answered, 400 naming the page of a wrong answer, and nothing written before the last
// page is valid. Pages may read the inventory.

const gadget = defineProduct({
  name: 'gadget',
  productType: 'Gadget',
  tag: 'GDG',
  description: 'a gadget',
  data: z.object({ colour: z.string() }),
  workflows: [],
});

async function* orderForm(_state: object, ctx: FormContext) {
  const { quantity } = yield* formPage(z.object({ quantity: z.number().int().min(1) }));
  const gadgets = await ctx.subscriptions.list({ productName: 'gadget' });
  const { colour } = yield* formPage(
    z.object({ colour: z.enum(['black', ...gadgets.map((g) => String(g.data.colour))] as [string, ...string[]]) }),
  );
  return { quantity, colour, orderedBy: ctx.actor };
}

const order = defineWorkflow({
  name: 'order_gadgets',
  target: 'SYSTEM',
  description: 'orders gadgets through a two-page form',
  input: orderForm,
  steps: [
    step('Create a gadget', async (state, ctx) => {
      const made = await ctx.subscriptions.create({
        productName: 'gadget',
        customerId: 'c',
        description: 'g',
        data: { colour: `${String(state.colour)} x${String(state.quantity)}` },
      });
      return { gadget: made.id };
    }),
    inputStep('Approve', {
      form: async function* (state) {
        const { approved } = yield* formPage(z.object({ approved: z.boolean() }));
        if (!approved) return { approved, reason: (yield* formPage(z.object({ reason: z.string().min(3) }))).reason };
        return {
          approved,
          quantityConfirmed: (yield* formPage(z.object({ quantity: z.literal(state.quantity as number) }))).quantity,
        };
      },
    }),
    step('Ship', (state) => ({ shipped: state.approved === true })),
  ],
});

describe('multi-page forms', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ workflows: [order], products: [gadget] });
    await stack.startWorker();
  });
  afterAll(() => stack.stop());

  const written = async () =>
    (
      await stack.sql(`SELECT (SELECT count(*)::int FROM processes) AS processes,
                             (SELECT count(*)::int FROM input_states) AS inputs`)
    )[0];

  it('shows the first page as the input schema of the workflow', async () => {
    const { body } = await stack.request('GET', '/api/workflows');
    const listed = (body as { name: string; inputSchema: { properties: object } }[]).find(
      (w) => w.name === 'order_gadgets',
    );
    expect(Object.keys(listed!.inputSchema.properties)).toEqual(['quantity']);
  });

  it('answers 510 with the next page while pages are missing, reading the inventory, and writes nothing', async () => {
    const before = await written();
    const none = await stack.request('POST', '/api/processes/order_gadgets');
    expect(none.status).toBe(510);
    expect(none.body).toEqual({
      error: { code: 'FORM_NOT_COMPLETE', message: expect.stringContaining('page 0'), details: [] },
      form: expect.objectContaining({ properties: { quantity: expect.any(Object) } }),
      page: 0,
    });
    const next = await stack.request('POST', '/api/processes/order_gadgets', [{ quantity: 2 }]);
    expect(next.status).toBe(510);
    expect(next.body.page).toBe(1);
    expect(next.body.form.properties.colour.enum).toEqual(['black']);
    expect(await written()).toEqual(before);
  });

  it('answers 400 naming the page and the field of a wrong answer, and too many answers, writing nothing', async () => {
    const before = await written();
    const wrong = await stack.request('POST', '/api/processes/order_gadgets', [{ quantity: 2 }, { colour: 'pink' }]);
    expect(wrong.status).toBe(400);
    expect(wrong.body).toMatchObject({
      error: { code: 'VALIDATION_FAILED', details: [{ path: '1.colour' }] },
      page: 1,
    });
    const first = await stack.request('POST', '/api/processes/order_gadgets', [{ quantity: 0 }]);
    expect(first.body).toMatchObject({ error: { details: [{ path: '0.quantity' }] }, page: 0 });
    const extra = await stack.request('POST', '/api/processes/order_gadgets', [
      { quantity: 1 },
      { colour: 'black' },
      {},
    ]);
    expect(extra.status).toBe(400);
    expect(extra.body.page).toBe(2);
    expect(await written()).toEqual(before);
  });

  it('starts with what the form returns, and an input step asks page by page on resume', async () => {
    const started = await stack.request(
      'POST',
      '/api/processes/order_gadgets',
      [{ quantity: 2 }, { colour: 'black' }],
      await stack.as('ann'),
    );
    expect(started.status).toBe(201);
    const id = started.body.id as string;
    const process = await waitFor(
      async () => {
        const { body } = await stack.request('GET', `/api/processes/${id}`);
        return body.status === 'suspended' && body;
      },
      { what: 'the process to wait for its approval' },
    );
    expect(process.steps[0].state).toEqual({ quantity: 2, colour: 'black', orderedBy: 'ann' });
    expect(Object.keys(process.form.properties)).toEqual(['approved']);

    const versionOf = async () =>
      (await stack.sql<{ version: number }>(`SELECT version FROM processes WHERE process_id = $1`, [id]))[0];
    const before = await versionOf();
    const partial = await stack.request('PUT', `/api/processes/${id}/resume`, [{ approved: true }]);
    expect(partial.status).toBe(510);
    expect(partial.body).toMatchObject({ page: 1, form: { properties: { quantity: { const: 2 } } } });
    const wrong = await stack.request('PUT', `/api/processes/${id}/resume`, [{ approved: true }, { quantity: 3 }]);
    expect(wrong.body).toMatchObject({
      error: { code: 'VALIDATION_FAILED', details: [{ path: '1.quantity' }] },
      page: 1,
    });
    expect(await versionOf()).toEqual(before);

    expect(
      (await stack.request('PUT', `/api/processes/${id}/resume`, [{ approved: true }, { quantity: 2 }])).status,
    ).toBe(204);
    const done = await waitFor(
      async () => {
        const { body } = await stack.request('GET', `/api/processes/${id}`);
        return body.status === 'completed' && body;
      },
      { what: 'the process to complete' },
    );
    expect(done.currentState).toMatchObject({ approved: true, quantityConfirmed: 2, shipped: true });
  });

  it('offers what the inventory holds now on the page that reads it', async () => {
    const next = await stack.request('POST', '/api/processes/order_gadgets', [{ quantity: 1 }]);
    expect(next.body.form.properties.colour.enum).toEqual(['black', 'black x2']);
  });
});
