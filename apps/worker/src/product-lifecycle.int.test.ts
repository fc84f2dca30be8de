import { z } from 'zod';
import { prepareDatabase } from '@orchestrator/db';
import { createWorkflow, defineProduct, step } from '@orchestrator/engine';
import {
  l2vpnProduct,
  l2vpnWorkflows,
  nodeProduct,
  nodeWorkflows,
  portProduct,
  portWorkflows,
} from '@orchestrator/workflows';
import { processWhen, startedProcess, startTestStack, type TestStack } from '@orchestrator/test-stack';

// The product lifecycle (ENGINE.md 13.8) and the product model's listings (13.2), through the API.

const lamp = defineProduct({
  name: 'lamp',
  productType: 'Lamp',
  tag: 'LAMP',
  description: 'a lamp',
  data: z.object({ watts: z.number() }),
  workflows: ['create_lamp'],
});
const createLamp = createWorkflow({
  name: 'create_lamp',
  description: 'creates a lamp',
  steps: [
    step('Create subscription', async (_state, ctx) => ({
      subscriptionId: (
        await ctx.subscriptions.create({ productName: 'lamp', customerId: 'c', description: 'l', data: { watts: 5 } })
      ).id,
    })),
  ],
});
// A CREATE workflow no product allows: the step that creates the subscription checks the product itself.
const sneakyLamp = createWorkflow({
  name: 'create_any_lamp',
  description: 'not allowed by the product',
  steps: createLamp.steps.slice(1, 2),
});

describe('the product lifecycle', () => {
  let stack: TestStack;
  const workflows = [createLamp, sneakyLamp, ...nodeWorkflows, ...portWorkflows, ...l2vpnWorkflows];
  const products = [lamp, nodeProduct, portProduct, l2vpnProduct];
  beforeAll(async () => {
    stack = await startTestStack({ workflows, products });
    await stack.startWorker();
  });
  afterAll(() => stack.stop());

  const patch = (body: unknown, key = 'lamp') => stack.request('PATCH', `/api/products/${key}`, body);
  const processCount = async () => (await stack.sql<{ n: number }>(`SELECT count(*)::int AS n FROM processes`))[0]?.n;

  it('changes the description and the status, and a restart keeps what the operator set', async () => {
    const res = await patch({ description: 'a desk lamp', status: 'pre-production' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      name: 'lamp',
      description: 'a desk lamp',
      status: 'pre-production',
      endDate: null,
    });
    await prepareDatabase(stack.booted.dataSource, stack.db.url, workflows, products);
    expect((await stack.request('GET', '/api/products/lamp')).body).toMatchObject({
      description: 'a desk lamp',
      status: 'pre-production',
    });
  });

  it('refuses a bad change with 400 and an unknown product with 404', async () => {
    expect((await patch({ status: 'sleeping' })).body.error).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [{ path: 'status' }],
    });
    expect((await patch({ colour: 'red' })).status).toBe(400);
    expect((await patch({ status: 'active' }, 'nope')).body.error.code).toBe('PRODUCT_NOT_FOUND');
  });

  it('refuses a CREATE of a product in phase out with 409 PRODUCT_NOT_ORDERABLE, writing nothing', async () => {
    const subscriptionId = (await processWhen(stack, await startedProcess(stack, 'create_lamp'), 'completed'))
      .currentState.subscriptionId;
    expect((await patch({ status: 'phase out' })).status).toBe(200);
    const before = await processCount();
    const res = await stack.request('POST', '/api/processes/create_lamp', {});
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('PRODUCT_NOT_ORDERABLE');
    expect(await processCount()).toBe(before);
    // A CREATE the product does not allow is started, and its step refuses the subscription.
    const failed = await processWhen(stack, await startedProcess(stack, 'create_any_lamp'), 'failed');
    expect(failed.failedReason).toMatch(/product "lamp" is phase out/);
    expect((await stack.sql(`SELECT 1 FROM subscriptions WHERE description = 'l'`)).length).toBe(1);

    const inUse = await patch({ status: 'end of life' });
    expect(inUse.status).toBe(409);
    expect(inUse.body.error).toMatchObject({
      code: 'PRODUCT_IN_USE',
      details: [{ path: 'status', message: expect.stringContaining(subscriptionId) }],
    });
    await stack.sql(`UPDATE subscriptions SET status = 'terminated' WHERE subscription_id = $1`, [subscriptionId]);
    const ended = await patch({ status: 'end of life' });
    expect(ended.body).toMatchObject({ status: 'end of life', endDate: expect.any(String) });
  });

  it('lists the product blocks with their resources, children and the products using them', async () => {
    const { body } = await stack.request('GET', '/api/product-blocks');
    const port = (body as { name: string }[]).find((b) => b.name === 'port');
    expect(port).toMatchObject({
      tag: 'PORT',
      resources: [
        { name: 'ifIndex', requiredFrom: 'active', description: "The device's interface index, once configured" },
        { name: 'portName', requiredFrom: 'initial' },
        { name: 'speed', requiredFrom: 'initial', description: 'Speed in Mbit/s' },
        { name: 'vlanRange', requiredFrom: 'initial' },
      ],
      blocks: [{ attribute: 'node', block: 'node', kind: 'one', min: 0, max: null, requiredFrom: 'initial' }],
      products: ['l2vpn', 'port'],
    });
    const l2vpn = (body as { name: string }[]).find((b) => b.name === 'l2vpn');
    expect(l2vpn).toMatchObject({
      blocks: [{ attribute: 'endpoints', block: 'l2vpn_endpoint', kind: 'list', min: 2, max: 8 }],
    });
    expect((body as { name: string; products: string[] }[]).find((b) => b.name === 'node')?.products).toEqual([
      'l2vpn',
      'node',
      'port',
    ]);
  });

  it('lists the resource types with the blocks using them', async () => {
    const { body } = await stack.request('GET', '/api/resource-types');
    expect((body as { name: string }[]).find((t) => t.name === 'speed')).toMatchObject({
      description: 'Speed in Mbit/s',
      blocks: ['l2vpn', 'port'],
    });
    expect((body as { name: string }[]).find((t) => t.name === 'hostname')).toMatchObject({ blocks: ['node'] });
  });
});
