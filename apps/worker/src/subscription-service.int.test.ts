import { z } from 'zod';
import { defineProduct, defineWorkflow, step, type SubscriptionService } from '@orchestrator/engine';
import { startTestStack, waitFor, type TestStack } from '@orchestrator/test-stack';

// ctx.subscriptions, method by method, inside real step transactions.

const thing = defineProduct({
  name: 'thing',
  productType: 'Thing',
  tag: 'THG',
  description: 'a thing',
  data: z.object({ label: z.string().min(1) }),
  workflows: [],
});

/** What a step saw: the value a call returned, or the code and message of what it threw. */
async function attempt<T>(call: () => Promise<T>): Promise<{ ok: T } | { code: string; message: string }> {
  try {
    return { ok: await call() };
  } catch (error) {
    const { code, message } = error as { code?: string; message: string };
    return { code: code ?? 'none', message };
  }
}

const exercise = defineWorkflow({
  name: 'exercise_subscriptions',
  target: 'SYSTEM',
  description: 'calls every method of ctx.subscriptions',
  steps: [
    step('Create two', async (_state, ctx) => {
      const s: SubscriptionService = ctx.subscriptions;
      const a = await s.create({ productName: 'thing', customerId: 'c1', description: 'a', data: { label: 'a' } });
      const b = await s.create({
        productName: 'thing',
        customerId: 'c1',
        description: 'b',
        data: { label: 'b' },
        status: 'active',
      });
      return { a, b };
    }),
    step('Change them', async (state, ctx) => {
      const s = ctx.subscriptions;
      const a = state.a.id as string;
      const b = state.b.id as string;
      return {
        resynced: await s.resync(a),
        unsynced: await s.unsync(a),
        unsyncAgain: await attempt(() => s.unsync(a)),
        unchecked: await s.unsyncUnchecked(a),
        active: await s.setStatus(a, 'active'),
        badStatus: await attempt(() => s.setStatus(a, 'sleeping' as never)),
        updated: await s.update(a, { data: { label: 'A' }, description: 'A', note: 'hello' }),
        badData: await attempt(() => s.update(a, { data: { label: '' } })),
        related: await s.relate(a, b).then(() => s.get(b)),
        relatedTwice: await attempt(() => s.relate(a, b)),
        selfRelated: await attempt(() => s.relate(a, a)),
        missing: await attempt(() => s.get('6f0c1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b')),
        malformed: await attempt(() => s.get('nope')),
        unknownProduct: await attempt(() =>
          s.create({ productName: 'nothing', customerId: 'c', description: 'd', data: {} }),
        ),
      };
    }),
    step('Link an existing one', async (state, ctx) => {
      await ctx.subscriptions.link(state.external as string);
      await ctx.subscriptions.link(state.external as string);
    }),
  ],
});

describe('ctx.subscriptions', () => {
  let stack: TestStack;
  let state: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  let processId: string;
  let external: string;

  beforeAll(async () => {
    stack = await startTestStack({ workflows: [exercise], products: [thing] });
    await stack.startWorker();
    const [row] = await stack.sql<{ id: string }>(
      `INSERT INTO subscriptions (product_id, customer_id, description, status, insync, data)
       SELECT product_id, 'c9', 'external', 'active', true, '{"label":"x"}' FROM products WHERE name = 'thing'
       RETURNING subscription_id AS id`,
    );
    external = row!.id;
    const res = await stack.request('POST', '/api/processes/exercise_subscriptions', { external });
    expect(res.status).toBe(201);
    processId = res.body.id as string;
    const detail = await waitFor(
      async () => {
        const body = (await stack.request('GET', `/api/processes/${processId}`)).body;
        return ['completed', 'failed'].includes(body.status as string) && body;
      },
      { what: 'the exercise to finish' },
    );
    expect(detail.failedReason).toBeNull();
    state = detail.currentState;
  });
  afterAll(() => stack.stop());

  it('creates subscriptions out of sync, linked to the process, in the status asked for', () => {
    expect(state.a).toMatchObject({
      productName: 'thing',
      customerId: 'c1',
      status: 'initial',
      insync: false,
      version: 1,
      startDate: null,
      data: { label: 'a' },
      dependsOn: [],
      inUseBy: [],
    });
    expect(state.b).toMatchObject({ status: 'active', startDate: expect.any(String) });
  });

  it('puts in sync, takes out of sync (refusing when already out), and unchecked whatever the flag', () => {
    expect(state.resynced).toMatchObject({ insync: true, version: 2 });
    expect(state.unsynced).toMatchObject({ insync: false, version: 3 });
    expect(state.unsyncAgain).toEqual({ code: 'SUBSCRIPTION_NOT_IN_SYNC', message: expect.any(String) });
    expect(state.unchecked).toMatchObject({ insync: false, version: 3 });
  });

  it('sets the status (active sets the start date) and refuses an unknown one', () => {
    expect(state.active).toMatchObject({ status: 'active', startDate: expect.any(String), version: 4 });
    expect(state.badStatus).toMatchObject({ code: 'INVALID_SUBSCRIPTION_STATUS' });
  });

  it('updates data, description and note, incrementing the version, and refuses invalid data', () => {
    expect(state.updated).toMatchObject({ data: { label: 'A' }, description: 'A', note: 'hello', version: 5 });
    expect(state.badData).toMatchObject({
      code: 'INVALID_SUBSCRIPTION_DATA',
      message: expect.stringContaining('label'),
    });
  });

  it('relates two subscriptions once, and never one with itself', () => {
    expect(state.related).toMatchObject({ inUseBy: [state.a.id], dependsOn: [] });
    expect(state.relatedTwice).toEqual({ ok: undefined });
    expect(state.selfRelated).toMatchObject({ code: 'INVALID_SUBSCRIPTION_RELATION' });
  });

  it('answers unknown, malformed and unregistered with stable codes', () => {
    expect(state.missing).toMatchObject({ code: 'SUBSCRIPTION_NOT_FOUND' });
    expect(state.malformed).toMatchObject({ code: 'SUBSCRIPTION_NOT_FOUND' });
    expect(state.unknownProduct).toMatchObject({ code: 'PRODUCT_NOT_FOUND' });
  });

  it('links the process to every subscription it created or linked, once each', async () => {
    const detail = (await stack.request('GET', `/api/processes/${processId}`)).body;
    expect([...detail.subscriptionIds].sort()).toEqual([state.a.id, state.b.id, external].sort());
    const stored = await stack.sql<{ version: number; data: unknown }>(
      'SELECT version, data FROM subscriptions WHERE subscription_id = $1',
      [state.a.id],
    );
    // Version 5 after the update, 6 after the relation (a relation is an update of both subscriptions). The
    // stored copy of the data carries its root instance's identity, which ctx.subscriptions.get leaves out.
    expect(stored).toEqual([
      {
        version: 6,
        data: { label: 'A', subscriptionInstanceId: expect.any(String), ownerSubscriptionId: state.a.id },
      },
    ]);
    expect(state.updated.data).toEqual({ label: 'A' });
  });
});
