import { z } from 'zod';
import type { DataSource, QueryRunner } from 'typeorm';
import {
  defineProduct,
  defineProductBlock,
  defineWorkflow,
  list,
  optional,
  ProductRegistry,
  step,
  type BlockInstance,
} from '@orchestrator/engine';
import { compileSearch } from '@orchestrator/search';
import { createTestDatabase, waitFor, type TestDatabase } from '@orchestrator/testing';
import { createDataSource } from '../data-source';
import { prepareDatabase } from '../prepare-database';
import { ProcessCommands } from '../process-commands';
import { PostgresSubscriptionService } from './postgres-subscription-service';
import { subscriptionSearchFields } from './subscription-search-fields';

// Subscriptions stored as block instances, values and relations (ENGINE.md 13.3 to 13.5), on real
// transactions: what a save writes, what it refuses (writing nothing), how a block owned by one subscription
// shows in another's tree, and two saves at once.

const lid = defineProductBlock({ name: 'lid', description: 'a lid', tag: 'LID', resources: { colour: z.string() } });
const item = defineProductBlock({
  name: 'item',
  description: 'an item',
  tag: 'ITEM',
  resources: { weight: z.number() },
});
const boxBlock = defineProductBlock({
  name: 'box',
  description: 'a box',
  tag: 'BOX',
  resources: { label: z.string(), size: z.enum(['S', 'M', 'L']) },
  blocks: { lid: optional(lid), items: list(item, { min: 1, max: 3 }) },
  requiredFrom: { label: 'initial', items: 'provisioning' },
});
const shelfBlock = defineProductBlock({
  name: 'shelf',
  description: 'a shelf of boxes other subscriptions own',
  tag: 'SHELF',
  resources: { place: z.string() },
  blocks: { boxes: list('box'), lids: list(lid) },
  requiredFrom: { place: 'initial' },
});
const products = new ProductRegistry([
  defineProduct({ name: 'box', productType: 'Box', tag: 'BOX', description: 'a box', block: boxBlock, workflows: [] }),
  defineProduct({
    name: 'shelf',
    productType: 'Shelf',
    tag: 'SHELF',
    description: 's',
    block: shelfBlock,
    workflows: [],
  }),
]);
const anyWorkflow = defineWorkflow({
  name: 'model_test',
  target: 'SYSTEM',
  description: 't',
  steps: [step('A', () => ({}))],
});

describe('subscriptions as block instances', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let processId: string;
  const runners: QueryRunner[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    dataSource = createDataSource({ databaseUrl: db.url, poolSize: 6 });
    await prepareDatabase(dataSource, db.url, [anyWorkflow], products.all());
    const started = await new ProcessCommands(dataSource).start(
      { workflowName: 'model_test', state: {}, actor: 'test' },
      null,
    );
    processId = started.processId;
  });
  afterAll(async () => {
    for (const runner of runners) if (!runner.isReleased) await runner.release();
    await dataSource?.destroy();
    await db?.drop();
  });

  /** A transaction with ctx.subscriptions on it, as a step has. */
  async function transaction() {
    const runner = dataSource.createQueryRunner();
    runners.push(runner);
    await runner.connect();
    await runner.startTransaction();
    const [{ pid }] = (await runner.query('SELECT pg_backend_pid() AS pid')) as [{ pid: number }];
    return {
      pid,
      service: new PostgresSubscriptionService(runner.manager, processId, products),
      commit: () => runner.commitTransaction().then(() => runner.release()),
      rollback: () => runner.rollbackTransaction().then(() => runner.release()),
    };
  }
  /** Runs `work` in a transaction of its own and commits it. */
  async function committed<T>(work: (service: PostgresSubscriptionService) => Promise<T>): Promise<T> {
    const tx = await transaction();
    try {
      const result = await work(tx.service);
      await tx.commit();
      return result;
    } catch (error) {
      await tx.rollback();
      throw error;
    }
  }
  const counts = async () =>
    (await dataSource.query(
      `SELECT (SELECT count(*)::int FROM subscription_instances) AS instances,
              (SELECT count(*)::int FROM subscription_instance_values) AS "values",
              (SELECT count(*)::int FROM subscription_instance_relations) AS relations,
              (SELECT sum(version)::int FROM subscriptions) AS versions`,
    )) as unknown[];
  const refusal = (work: (service: PostgresSubscriptionService) => Promise<unknown>) =>
    committed(work).then(
      () => ({ code: 'none', details: [] }),
      (error: { code?: string; details?: unknown }) => ({ code: error.code, details: error.details }),
    );
  const newBox = (label: string, data: Record<string, unknown> = {}) =>
    committed((s) =>
      s.create({
        productName: 'box',
        customerId: 'c',
        description: label,
        data: { label, ...data },
        status: 'initial',
      }),
    );

  let box: string;

  it('creates the root instance and its values, and shows the tree with every identity', async () => {
    box = (await newBox('red box')).id;
    const model = await committed((s) => s.load(box));
    expect(model.data).toEqual({
      subscriptionInstanceId: expect.any(String),
      ownerSubscriptionId: box,
      label: 'red box',
      items: [],
    });
    expect(model.version).toBe(1);
  });

  it('adds, changes and removes instances, keeping the ids of those it keeps', async () => {
    const saved = await committed(async (s) => {
      const model = await s.load(box);
      return s.save({
        ...model,
        status: 'provisioning',
        data: { ...model.data, size: 'M', lid: { colour: 'blue' }, items: [{ weight: 1 }, { weight: 2 }] },
      });
    });
    const [first, second] = saved.data.items as BlockInstance[];
    expect(saved).toMatchObject({ status: 'provisioning', version: 2 });
    expect(first).toEqual({ subscriptionInstanceId: expect.any(String), ownerSubscriptionId: box, weight: 1 });
    const again = await committed((s) =>
      s.save({ id: box, data: { ...saved.data, lid: undefined, items: [{ ...second, weight: 3 }] } }),
    );
    expect(again.data.items).toEqual([{ ...second, weight: 3 }]);
    expect(again.data).not.toHaveProperty('lid');
    expect(await counts()).toEqual([expect.objectContaining({ instances: 2, values: 3, relations: 1 })]);
    // The copy every read uses is rebuilt in the same transaction.
    const [row] = (await dataSource.query(`SELECT data FROM subscriptions WHERE subscription_id = $1`, [box])) as [
      { data: BlockInstance },
    ];
    expect(row.data).toEqual(again.data);
  });

  it('refuses data that does not meet the blocks or the status, naming each path, and writes nothing', async () => {
    const before = await counts();
    const model = await committed((s) => s.load(box));
    const cases: [Record<string, unknown>, string, string?][] = [
      [{ items: [] }, 'items'],
      [{ items: [{ weight: 1 }, { weight: 2 }, { weight: 3 }, { weight: 4 }] }, 'items'],
      [{ items: [{ weight: 'heavy' }] }, 'items.0.weight'],
      [{ colour: 'red' }, 'colour'],
      [{ lid: 'blue' }, 'lid'],
      [{ label: undefined }, 'label'],
      [
        { items: [{ subscriptionInstanceId: '6f0c1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b' }] },
        'items.0.subscriptionInstanceId',
      ],
    ];
    for (const [change, path] of cases) {
      const answer = await refusal((s) => s.save({ id: box, data: { ...model.data, ...change } }));
      expect(answer).toEqual({ code: 'INVALID_SUBSCRIPTION_DATA', details: [expect.objectContaining({ path })] });
    }
    // The lifecycle: an active box needs its size; this one has it, a new one without it is refused.
    const small = (await newBox('small box', { items: [{ weight: 1 }] })).id;
    expect(await refusal((s) => s.setStatus(small, 'active'))).toEqual({
      code: 'INVALID_SUBSCRIPTION_DATA',
      details: [{ path: 'size', message: 'required from active on (the subscription is active)' }],
    });
    const after = await counts();
    expect(after).toEqual([expect.objectContaining({ instances: (before[0] as { instances: number }).instances + 2 })]);
    expect((await committed((s) => s.get(small))).status).toBe('initial');
  });

  let shelf: string;

  it("uses another subscription's block: only the relation is stored, the tree shows its values", async () => {
    const boxRoot = (await committed((s) => s.load(box))).data.subscriptionInstanceId;
    shelf = (
      await committed((s) =>
        s.create({
          productName: 'shelf',
          customerId: 'c',
          description: 'shelf',
          data: { place: 'hall', boxes: [{ subscriptionInstanceId: boxRoot, label: 'ignored: the owner says' }] },
        }),
      )
    ).id;
    const tree = await committed((s) => s.load(shelf));
    expect((tree.data.boxes as BlockInstance[])[0]).toMatchObject({
      ownerSubscriptionId: box,
      label: 'red box',
      size: 'M',
    });
    expect(tree.dependsOn).toEqual([box]);
    expect((await committed((s) => s.get(box))).inUseBy).toEqual([shelf]);
    const boxVersion = (await committed((s) => s.get(box))).version;
    const shelfVersion = tree.version;
    await committed(async (s) => {
      const model = await s.load(box);
      await s.save({ ...model, data: { ...model.data, label: 'crimson box' } });
    });
    const shown = await committed((s) => s.get(shelf));
    expect((shown.data.boxes as BlockInstance[])[0]?.label).toBe('crimson box');
    expect(shown.version).toBe(shelfVersion + 1);
    expect((await committed((s) => s.get(box))).version).toBe(boxVersion + 1);
  });

  it('refuses to remove an instance another subscription uses, and a relation to a terminated subscription', async () => {
    const lidBox = (await newBox('lidded', { lid: { colour: 'green' }, items: [{ weight: 1 }] })).id;
    const lidId = (await committed((s) => s.load(lidBox))).data.lid as BlockInstance;
    await committed(async (s) => {
      const model = await s.load(shelf);
      await s.save({
        ...model,
        data: { ...model.data, lids: [{ subscriptionInstanceId: lidId.subscriptionInstanceId }] },
      });
    });
    const removal = await refusal(async (s) => {
      const model = await s.load(lidBox);
      await s.save({ ...model, data: { ...model.data, lid: undefined } });
    });
    expect(removal.code).toBe('INVALID_SUBSCRIPTION_DATA');
    expect(JSON.stringify(removal.details)).toContain(`used by subscription ${shelf}`);

    const gone = (await newBox('gone', { items: [{ weight: 1 }] })).id;
    await committed((s) => s.setStatus(gone, 'terminated'));
    const goneRoot = (await committed((s) => s.load(gone))).data.subscriptionInstanceId;
    const terminated = await refusal(async (s) => {
      const model = await s.load(shelf);
      await s.save({
        ...model,
        data: { ...model.data, boxes: [...(model.data.boxes as []), { subscriptionInstanceId: goneRoot }] },
      });
    });
    expect(terminated).toEqual({
      code: 'INVALID_SUBSCRIPTION_DATA',
      details: [expect.objectContaining({ path: 'boxes.1' })],
    });
  });

  it('serializes two saves of subscriptions that share a block, and both relations survive', async () => {
    const shared = (await newBox('shared', { items: [{ weight: 1 }] })).id;
    const sharedRoot = (await committed((s) => s.load(shared))).data.subscriptionInstanceId;
    const [one, two] = await Promise.all(
      ['one', 'two'].map(async (place) =>
        committed((s) => s.create({ productName: 'shelf', customerId: 'c', description: place, data: { place } })),
      ),
    );
    const first = await transaction();
    const second = await transaction();
    const use = (service: PostgresSubscriptionService, id: string) =>
      service
        .load(id)
        .then((model) =>
          service.save({ ...model, data: { ...model.data, boxes: [{ subscriptionInstanceId: sharedRoot }] } }),
        );
    await use(first.service, one!.id);
    const secondSave = use(second.service, two!.id);
    // The second waits on the shared box's row lock that the first holds until it commits.
    await waitFor(
      async () => {
        const [row] = (await dataSource.query(`SELECT wait_event_type FROM pg_stat_activity WHERE pid = $1`, [
          second.pid,
        ])) as [{ wait_event_type: string | null }];
        return row.wait_event_type === 'Lock';
      },
      { what: 'the second save to wait for the first one' },
    );
    await first.commit();
    await secondSave;
    await second.commit();
    const box = await committed((s) => s.get(shared));
    expect([...box.inUseBy].sort()).toEqual([one!.id, two!.id].sort());
    expect(box.version).toBe(3);
  });

  it("rebuilds a user's copy when the owner's save and the user's save run at the same time", async () => {
    const owner = (await newBox('before', { items: [{ weight: 1 }] })).id;
    const ownerRoot = (await committed((s) => s.load(owner))).data.subscriptionInstanceId;
    const user = (
      await committed((s) =>
        s.create({ productName: 'shelf', customerId: 'c', description: 'u', data: { place: 'x' } }),
      )
    ).id;
    const ownerTx = await transaction();
    const userTx = await transaction();
    const model = await ownerTx.service.load(owner);
    await ownerTx.service.save({ ...model, data: { ...model.data, label: 'after' } });
    const userSave = userTx.service
      .load(user)
      .then((m) => userTx.service.save({ ...m, data: { ...m.data, boxes: [{ subscriptionInstanceId: ownerRoot }] } }));
    await waitFor(
      async () => {
        const [row] = (await dataSource.query(`SELECT wait_event_type FROM pg_stat_activity WHERE pid = $1`, [
          userTx.pid,
        ])) as [{ wait_event_type: string | null }];
        return row.wait_event_type === 'Lock';
      },
      { what: "the user's save to wait for the owner's" },
    );
    await ownerTx.commit();
    await userSave;
    await userTx.commit();
    const shown = await committed((s) => s.get(user));
    expect((shown.data.boxes as BlockInstance[])[0]?.label).toBe('after');
  });

  it('finds every subscription whose tree holds a value at a path, on the values index, in one query', async () => {
    const search = async (q: string) => {
      const filter = compileSearch(q, subscriptionSearchFields);
      const rows = (await dataSource.query(
        `SELECT s.description FROM subscriptions s JOIN products p ON p.product_id = s.product_id WHERE ${filter.sql} ORDER BY 1`,
        filter.params,
      )) as { description: string }[];
      return rows.map((row) => row.description);
    };
    expect(await search('data.boxes.label:crimson*')).toEqual(['shelf']);
    expect(await search('data.boxes.0.label:"crimson box"')).toEqual(['shelf']);
    expect(await search('data.boxes.1.label:"crimson box"')).toEqual([]);
    expect(await search('data.label:"crimson box"')).toEqual(['red box']);
    expect(await search('data.items.weight>=3')).toEqual(['red box']);
    expect(await search('-data.boxes.label:crimson* product:shelf')).toEqual(['one', 'two', 'u']);
    const runner = dataSource.createQueryRunner();
    runners.push(runner);
    await runner.startTransaction();
    await runner.query('SET LOCAL enable_seqscan = off');
    const filter = compileSearch('data.boxes.label:crimson', subscriptionSearchFields);
    const plan = JSON.stringify(
      await runner.query(
        `EXPLAIN (FORMAT JSON) SELECT 1 FROM subscriptions s JOIN products p ON p.product_id = s.product_id WHERE ${filter.sql}`,
        filter.params,
      ),
    );
    await runner.rollbackTransaction();
    await runner.release();
    expect(plan).toContain('subscription_instance_values_search_idx');
  });
});
