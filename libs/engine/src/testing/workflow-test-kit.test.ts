import { z } from 'zod';
import { workflow } from '../dsl/typed-workflow';
import { defineProduct } from '../products';
import { createWorkflowTestKit } from './workflow-test-kit';
import { fakeTransaction } from './fake-transaction';

const gadget = defineProduct({
  name: 'gadget',
  productType: 'Gadget',
  tag: 'GADGET',
  description: 'a gadget',
  data: z.object({ colour: z.string() }),
  workflows: [],
});

const approve = workflow({
  name: 'approve_change',
  target: 'SYSTEM',
  description: 'asks an operator, then a system',
  input: z.object({ change: z.string() }),
})
  .inputStep('Approve', { form: z.object({ approved: z.boolean() }) })
  .callbackStep('Ask the device', { action: (_state, ctx) => ({ askedAt: ctx.callbackUrl }), resultKey: 'device' })
  .step('Summarise', (s) => ({ summary: `${s.change}: ${String(s.approved)}` }))
  .build();

let attempts = 0;
const flaky = workflow({ name: 'flaky_call', target: 'SYSTEM', description: 'fails twice' })
  .retryStep(
    'Call inventory',
    (_state, ctx) => {
      attempts += 1;
      if (ctx.attempt < 3) throw new Error(`inventory down (attempt ${ctx.attempt})`);
      return { attempt: ctx.attempt };
    },
    { maxAttempts: 3, backoffMs: 60_000 },
  )
  .build();

const createGadget = workflow
  .create({ name: 'create_gadget', product: 'gadget', description: 'c', input: z.object({ colour: z.string() }) })
  .step('Create subscription', async (s, ctx) => {
    const created = await ctx.subscriptions.create({
      productName: 'gadget',
      customerId: 'acme',
      description: `a ${s.colour} gadget`,
      data: { colour: s.colour },
    });
    return { subscriptionId: created.id };
  })
  .build();

const paintGadget = workflow
  .modify({ name: 'paint_gadget', product: 'gadget', description: 'm', input: z.object({ colour: z.string() }) })
  .step('Paint', async (s, ctx) => {
    await ctx.subscriptions.update(s.subscriptionId, { data: { colour: s.colour } });
    if (s.colour === 'plaid') throw new Error('no plaid paint');
  })
  .build();

const usesTx = workflow({ name: 'uses_tx', target: 'SYSTEM', description: 't' })
  .step('Query', async (_s, ctx) => ({ rows: (await ctx.tx.query('SELECT 1')) as unknown[] }))
  .build();

const kit = (tx?: Parameters<typeof fakeTransaction>[0]) =>
  createWorkflowTestKit({
    workflows: [approve, flaky, createGadget, paintGadget, usesTx],
    products: [gadget],
    ...(tx ? { tx: fakeTransaction(tx) } : {}),
  });

describe('createWorkflowTestKit', () => {
  it('suspends at an input step, validates the answer, then waits for the callback and finishes with its body', async () => {
    const process = await kit().start('approve_change', { change: 'new VLAN' });
    expect(process.status).toBe('suspended');
    await expect(process.resume({ approved: 'yes' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await process.resume({ approved: true });
    expect(process.status).toBe('awaiting_callback');
    expect(process.callbackUrl).toMatch(/^http:\/\/orchestrator\.test\/api\/processes\/.+\/callback\/test-token-1$/);
    expect(process.state.askedAt).toBe(process.callbackUrl);
    await process.callback({ ok: true });
    expect(process.status).toBe('completed');
    expect(process.state).toMatchObject({ approved: true, device: { ok: true }, summary: 'new VLAN: true' });
    expect(process.log).toEqual([
      ['Start', 'success'],
      ['Approve', 'suspend'],
      ['Approve', 'success'],
      ['Ask the device', 'awaiting_callback'],
      ['Ask the device', 'success'],
      ['Summarise', 'success'],
      ['Done', 'complete'],
    ]);
  });

  it('refuses an input the schema refuses, naming the path', async () => {
    await expect(kit().start('approve_change', { change: 7 })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [{ path: 'change', message: expect.any(String) }],
    });
  });

  it('holds a retry until advanced, without waiting for its backoff', async () => {
    attempts = 0;
    const process = await kit().start('flaky_call');
    expect(process.status).toBe('waiting');
    expect(process.nextRetryAt).toBeInstanceOf(Date);
    await process.advance();
    expect(process.status).toBe('waiting');
    await process.advance();
    expect(process.status).toBe('completed');
    expect(attempts).toBe(3);
    expect(process.state).toMatchObject({ attempt: 3 });
    expect(process.steps.map((s) => [s.name, s.status, s.retries])).toEqual([
      ['Start', 'success', 0],
      ['Call inventory', 'waiting', 0],
      ['Call inventory', 'waiting', 0],
      ['Call inventory', 'success', 0],
      ['Done', 'complete', 0],
    ]);
  });

  it('keeps the subscription changes of committed steps only, and the lock until the process ends', async () => {
    const k = kit();
    const created = await k.start('create_gadget', { colour: 'red' });
    const [subscription] = created.subscriptions;
    expect(subscription).toMatchObject({ status: 'active', insync: true, data: { colour: 'red' } });
    const failed = await k.start('paint_gadget', { subscriptionId: subscription!.id, colour: 'plaid' });
    expect(failed.status).toBe('failed');
    expect(k.subscriptions.find(subscription!.id)).toMatchObject({ insync: false, data: { colour: 'red' } });
    await expect(k.start('paint_gadget', { subscriptionId: subscription!.id, colour: 'blue' })).rejects.toMatchObject({
      code: 'SUBSCRIPTION_NOT_IN_SYNC',
    });
    await failed.abort();
    expect(failed.log.at(-1)).toEqual(['User Aborted', 'abort']);
  });

  it('refuses a modify workflow on a subscription that is not active, as the API does', async () => {
    const k = kit();
    const seeded = await k.seedSubscription({
      productName: 'gadget',
      customerId: 'acme',
      description: 'x',
      data: { colour: 'red' },
      status: 'provisioning',
    });
    expect(seeded).toMatchObject({ insync: true, status: 'provisioning' });
    await expect(k.start('paint_gadget', { subscriptionId: seeded.id, colour: 'blue' })).rejects.toMatchObject({
      code: 'SUBSCRIPTION_LIFECYCLE',
    });
  });

  it('fails a step that uses ctx.tx without a fake, naming the member; a fake answers', async () => {
    const failed = await kit().start('uses_tx');
    expect(failed.failedReason).toMatch(/^ctx\.tx\.query is not faked in this test/);
    const faked = await kit({ query: async () => [{ one: 1 }] }).start('uses_tx');
    expect(faked.state).toEqual({ rows: [{ one: 1 }] });
  });
});
