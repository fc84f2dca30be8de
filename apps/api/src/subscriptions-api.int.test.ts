import { z } from 'zod';
import { defineProduct, modifyWorkflow, step } from '@orchestrator/engine';
import { startTestStack, type TestStack } from '@orchestrator/test-stack';
import { nodeProduct, nodeWorkflows } from '@orchestrator/workflows';
import { UUID, expectErrorWithoutStack as expectError } from './api-test-support';

// No worker runs in this file: subscriptions are written with SQL, and the API only reads and refuses.

const widget = defineProduct({
  name: 'widget',
  productType: 'Widget',
  tag: 'WGT',
  description: 'a widget',
  data: z.object({ colour: z.string() }),
  workflows: [],
});
const repaint = modifyWorkflow({
  name: 'repaint_widget',
  product: 'widget',
  description: 'repaint',
  steps: [step('Paint', () => ({}))],
});

interface Seeded {
  id: string;
  product: string;
  customer: string;
  status: string;
  insync: boolean;
}

describe('subscription and product endpoints', () => {
  let stack: TestStack;
  const seeded: Seeded[] = [];

  beforeAll(async () => {
    stack = await startTestStack({ workflows: [...nodeWorkflows, repaint], products: [nodeProduct, widget] });
    const rows: Omit<Seeded, 'id'>[] = [
      { product: 'node', customer: 'acme', status: 'active', insync: true },
      { product: 'node', customer: 'acme', status: 'terminated', insync: true },
      { product: 'node', customer: 'globex', status: 'active', insync: false },
      { product: 'widget', customer: 'acme', status: 'provisioning', insync: false },
      { product: 'widget', customer: 'globex', status: 'active', insync: true },
    ];
    for (const [i, row] of rows.entries()) {
      const data = row.product === 'node' ? { hostname: `n${i}`, role: 'core', site: 'ams' } : { colour: 'red' };
      const [inserted] = await stack.sql<{ id: string }>(
        `INSERT INTO subscriptions (product_id, customer_id, description, status, insync, data, created_at)
         SELECT product_id, $2, $3, $4, $5, $6::jsonb, now() - make_interval(mins => $7)
           FROM products WHERE name = $1
         RETURNING subscription_id AS id`,
        [row.product, row.customer, `sub ${i}`, row.status, row.insync, JSON.stringify(data), 100 - i],
      );
      seeded.push({ id: inserted!.id, ...row });
    }
    // seeded[0] is in use by seeded[2]
    await stack.sql('INSERT INTO subscription_relations (in_use_by_id, depends_on_id) VALUES ($1, $2)', [
      seeded[2]!.id,
      seeded[0]!.id,
    ]);
  });
  afterAll(() => stack.stop());

  const ids = (items: { id: string }[]) => items.map((item) => item.id);
  const newestFirst = (rows: Seeded[]) => rows.map((row) => row.id).reverse();

  describe('GET /api/products', () => {
    it('lists the registered products with their fixed inputs and allowed workflows', async () => {
      const res = await stack.request('GET', '/api/products');
      expect(res.status).toBe(200);
      expect(res.body).toEqual([
        {
          id: expect.stringMatching(UUID),
          name: 'node',
          description: expect.any(String),
          productType: 'Node',
          tag: 'NODE',
          status: 'active',
          createdAt: expect.any(String),
          endDate: null,
          fixedInputs: { vendor: 'generic', loopbackPrefixLength: '32' },
          workflows: ['create_node', 'modify_node', 'terminate_node', 'validate_node'],
        },
        expect.objectContaining({ name: 'widget', workflows: ['repaint_widget'], fixedInputs: {} }),
      ]);
    });

    it('finds one product by id or by name', async () => {
      const all = (await stack.request('GET', '/api/products')).body as { id: string; name: string }[];
      const node = all.find((p) => p.name === 'node')!;
      expect((await stack.request('GET', `/api/products/${node.id}`)).body).toEqual(node);
      expect((await stack.request('GET', '/api/products/node')).body).toEqual(node);
    });

    it('answers an unknown product with 404 PRODUCT_NOT_FOUND', async () => {
      expectError(await stack.request('GET', '/api/products/no_such_product'), 404, 'PRODUCT_NOT_FOUND');
      expectError(
        await stack.request('GET', '/api/products/6f0c1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b'),
        404,
        'PRODUCT_NOT_FOUND',
      );
    });
  });

  describe('GET /api/subscriptions', () => {
    it('lists newest first in the subscription JSON shape', async () => {
      const res = await stack.request('GET', '/api/subscriptions');
      expect(res.status).toBe(200);
      expect(ids(res.body.items)).toEqual(newestFirst(seeded));
      expect(res.body.nextCursor).toBeNull();
      const first = res.body.items.find((s: { id: string }) => s.id === seeded[0]!.id);
      expect(first).toEqual({
        id: seeded[0]!.id,
        productId: expect.stringMatching(UUID),
        productName: 'node',
        customerId: 'acme',
        description: 'sub 0',
        status: 'active',
        insync: true,
        version: 1,
        startDate: null,
        endDate: null,
        note: null,
        data: { hostname: 'n0', role: 'core', site: 'ams' },
        dependsOn: [],
        inUseBy: [seeded[2]!.id],
      });
    });

    it.each([
      ['status=active', (s: Seeded) => s.status === 'active'],
      ['status=active,provisioning', (s: Seeded) => ['active', 'provisioning'].includes(s.status)],
      ['productName=widget', (s: Seeded) => s.product === 'widget'],
      ['product=node', (s: Seeded) => s.product === 'node'],
      ['customerId=acme', (s: Seeded) => s.customer === 'acme'],
      ['insync=false', (s: Seeded) => !s.insync],
      [
        'insync=true&productName=node&customerId=acme',
        (s: Seeded) => s.insync && s.product === 'node' && s.customer === 'acme',
      ],
    ])('filters by %s', async (query, keep) => {
      const res = await stack.request('GET', `/api/subscriptions?${query}`);
      expect(res.status).toBe(200);
      expect(ids(res.body.items)).toEqual(newestFirst(seeded.filter(keep)));
    });

    it('filters by product id too', async () => {
      const widgetId = ((await stack.request('GET', '/api/products/widget')).body as { id: string }).id;
      const res = await stack.request('GET', `/api/subscriptions?product=${widgetId}`);
      expect(ids(res.body.items)).toEqual(newestFirst(seeded.filter((s) => s.product === 'widget')));
    });

    it('pages with a keyset cursor without gaps or repeats', async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const res = await stack.request('GET', `/api/subscriptions?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
        expect(res.status).toBe(200);
        expect(res.body.items.length).toBeLessThanOrEqual(2);
        seen.push(...ids(res.body.items));
        cursor = res.body.nextCursor as string | null;
      } while (cursor);
      expect(seen).toEqual(newestFirst(seeded));
    });

    it('pages through subscriptions created in one transaction (one timestamp) without losing any', async () => {
      const created = await stack.sql<{ id: string }>(
        `INSERT INTO subscriptions (product_id, customer_id, description, data)
         SELECT product_id, 'batch', 'one of a batch', '{"colour":"red"}'::jsonb
           FROM products, generate_series(1, 4) WHERE name = 'widget'
         RETURNING subscription_id AS id`,
      );
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const res = await stack.request(
          'GET',
          `/api/subscriptions?customerId=batch&limit=1${cursor ? `&cursor=${cursor}` : ''}`,
        );
        seen.push(...ids(res.body.items));
        cursor = res.body.nextCursor as string | null;
      } while (cursor);
      expect(seen.sort()).toEqual(created.map((row) => row.id).sort());
      await stack.sql(`DELETE FROM subscriptions WHERE customer_id = 'batch'`);
    });

    it.each([
      'status=dead',
      'insync=maybe',
      'limit=0',
      'limit=501',
      'cursor=not-a-cursor',
      'colour=red',
      'product=node&productName=widget',
      'product=node&productName=node',
    ])('answers a bad query (%s) with 400', async (query) => {
      const res = await stack.request('GET', `/api/subscriptions?${query}`);
      expectError(res, 400);
    });
  });

  describe('GET /api/subscriptions/{id}', () => {
    it('shows the product, the data, the relations and the linked processes', async () => {
      const res = await stack.request('GET', `/api/subscriptions/${seeded[2]!.id}`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        id: seeded[2]!.id,
        productName: 'node',
        dependsOn: [seeded[0]!.id],
        inUseBy: [],
        product: { name: 'node', tag: 'NODE' },
        processes: [],
      });
    });

    it.each(['not-a-uuid', '6f0c1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b'])('answers %s with 404 everywhere', async (id) => {
      expectError(await stack.request('GET', `/api/subscriptions/${id}`), 404, 'SUBSCRIPTION_NOT_FOUND');
      expectError(await stack.request('GET', `/api/subscriptions/${id}/workflows`), 404, 'SUBSCRIPTION_NOT_FOUND');
      expectError(await stack.request('PUT', `/api/subscriptions/${id}/set-in-sync`), 404, 'SUBSCRIPTION_NOT_FOUND');
    });
  });

  describe('GET /api/subscriptions/{id}/workflows', () => {
    it('tells for each workflow of the product whether it can run now, and why not', async () => {
      const outOfSync = await stack.request('GET', `/api/subscriptions/${seeded[2]!.id}/workflows`);
      expect(outOfSync.status).toBe(200);
      expect(
        outOfSync.body.map((w: { name: string; canRun: boolean; reason: { code: string } | null }) => [
          w.name,
          w.canRun,
          w.reason?.code ?? null,
        ]),
      ).toEqual([
        ['create_node', false, 'SUBSCRIPTION_LIFECYCLE'],
        ['modify_node', false, 'SUBSCRIPTION_NOT_IN_SYNC'],
        ['terminate_node', false, 'SUBSCRIPTION_NOT_IN_SYNC'],
        ['validate_node', false, 'SUBSCRIPTION_NOT_IN_SYNC'],
      ]);
      expect(outOfSync.body[1]).toMatchObject({
        target: 'MODIFY',
        description: expect.any(String),
        steps: expect.any(Array),
      });

      const used = await stack.request('GET', `/api/subscriptions/${seeded[0]!.id}/workflows`);
      expect(used.body.map((w: { name: string; canRun: boolean }) => [w.name, w.canRun])).toEqual([
        ['create_node', false],
        ['modify_node', true],
        ['terminate_node', false],
        ['validate_node', true],
      ]);
      expect(used.body[2].reason.message).toContain(seeded[2]!.id);

      const terminated = await stack.request('GET', `/api/subscriptions/${seeded[1]!.id}/workflows`);
      expect(terminated.body.every((w: { canRun: boolean }) => !w.canRun)).toBe(true);
    });
  });

  describe('PUT /api/subscriptions/{id}/set-in-sync', () => {
    it('puts a subscription without open processes back in sync and bumps its version', async () => {
      const res = await stack.request('PUT', `/api/subscriptions/${seeded[3]!.id}/set-in-sync`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: seeded[3]!.id, insync: true, version: 2 });
      const again = await stack.request('PUT', `/api/subscriptions/${seeded[3]!.id}/set-in-sync`);
      expect(again.body).toMatchObject({ insync: true, version: 2 });
    });
  });

  describe('process list and detail', () => {
    it('answers a malformed subscriptionId filter with 400 and an unknown one with an empty list', async () => {
      expectError(await stack.request('GET', '/api/processes?subscriptionId=nope'), 400, 'VALIDATION_FAILED');
      const res = await stack.request('GET', `/api/processes?subscriptionId=${seeded[0]!.id}`);
      expect(res.body).toEqual({ items: [], nextCursor: null, total: 0, totalIsEstimate: false });
    });

    it('refuses a gated start with a malformed body without writing anything', async () => {
      const [before] = await stack.sql('SELECT count(*)::int AS n FROM processes');
      expectError(await stack.request('POST', '/api/processes/modify_node', [1]), 400, 'VALIDATION_FAILED');
      expectError(
        await stack.request('POST', '/api/processes/modify_node', { subscriptionId: seeded[0]!.id, version: 'x' }),
        400,
        'VALIDATION_FAILED',
      );
      expect(await stack.sql('SELECT count(*)::int AS n FROM processes')).toEqual([before]);
    });
  });
});
