import { z } from 'zod';
import { defineProduct, ProductRegistry } from '../products';
import { defineProductBlock, list, optional, type BlockInstance } from '../product-blocks';
import type { SubscriptionService } from '../subscriptions';

// The promises every SubscriptionService (`ctx.subscriptions`) keeps, as one suite run against each
// implementation: the test kit's in-memory service (in-memory-subscription-service.contract.test.ts) and
// PostgreSQL (libs/db/src/subscriptions/subscription-service.contract.int.test.ts), so that a workflow tested
// in memory meets the same rules in production. It uses Jest's globals.

const lid = defineProductBlock({ name: 'lid', description: 'a lid', tag: 'LID', resources: { colour: z.string() } });
const item = defineProductBlock({
  name: 'item',
  description: 'an item',
  tag: 'ITEM',
  resources: { weight: z.number() },
});
const box = defineProductBlock({
  name: 'box',
  description: 'a box',
  tag: 'BOX',
  resources: { label: z.string(), size: z.enum(['S', 'M', 'L']) },
  blocks: { lid: optional(lid), items: list(item, { min: 1, max: 3 }) },
  requiredFrom: { label: 'initial', items: 'provisioning' },
});
const shelf = defineProductBlock({
  name: 'shelf',
  description: 'a shelf of boxes other subscriptions own',
  tag: 'SHELF',
  resources: { place: z.string() },
  blocks: { boxes: list('box') },
  requiredFrom: { place: 'initial' },
});

/** The products the suite's subscriptions are of; the subject registers them. */
export const CONTRACT_PRODUCTS = new ProductRegistry([
  defineProduct({
    name: 'gadget',
    productType: 'Gadget',
    tag: 'GADGET',
    description: 'a flat product',
    data: z.object({ colour: z.string(), size: z.number().int().default(1) }),
    workflows: [],
  }),
  defineProduct({
    name: 'old_gadget',
    productType: 'Gadget',
    tag: 'OLD',
    description: 'no longer sold',
    status: 'phase out',
    data: z.object({ colour: z.string() }),
    workflows: [],
  }),
  defineProduct({ name: 'box', productType: 'Box', tag: 'BOX', description: 'a box', block: box, workflows: [] }),
  defineProduct({ name: 'shelf', productType: 'Shelf', tag: 'SHELF', description: 's', block: shelf, workflows: [] }),
]);

/** What the suite needs of an implementation: processes to act for, and transactions. */
export interface SubscriptionServiceContractSubject {
  /** A new open process the service may act for (PostgreSQL links need its row). */
  newProcess(): Promise<string>;
  /** Ends a process (completed): it no longer inherits a lock another process releases. */
  finish(processId: string): Promise<void>;
  /** Runs `work` on a service of a fresh transaction for `processId`: committed if it resolves, else rolled back. */
  inTransaction<T>(processId: string, work: (service: SubscriptionService) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** One subject for the suite, given the products to register (CONTRACT_PRODUCTS). */
export type SubscriptionServiceContractFactory = (
  products: ProductRegistry,
) => Promise<SubscriptionServiceContractSubject>;

const UNKNOWN = '00000000-0000-4000-8000-00000000dead';

export function describeSubscriptionServiceContract(
  name: string,
  makeSubject: SubscriptionServiceContractFactory,
): void {
  describe(`${name} keeps the SubscriptionService contract`, () => {
    let subject: SubscriptionServiceContractSubject;
    let processId: string;
    let customer = 0;
    beforeAll(async () => {
      subject = await makeSubject(CONTRACT_PRODUCTS);
    });
    afterAll(async () => {
      await subject?.close();
    });
    beforeEach(async () => {
      processId = await subject.newProcess();
      customer += 1;
    });

    const run = <T>(work: (s: SubscriptionService) => Promise<T>, by = processId) => subject.inTransaction(by, work);
    const codeOf = (work: (s: SubscriptionService) => Promise<unknown>, by = processId) =>
      run(work, by).then(
        () => 'none',
        (error: { code?: string; message?: string }) => `${error.code ?? 'no code'}: ${error.message}`,
      );
    const customerId = () => `customer-${customer}`;
    const gadget = (data: object = { colour: 'red' }) =>
      run((s) => s.create({ productName: 'gadget', customerId: customerId(), description: 'a gadget', data }));
    /** A gadget in sync whose creating process has ended, as after a completed create workflow. */
    const settledGadget = async () => {
      const created = await gadget();
      await run((s) => s.releaseLocks());
      await subject.finish(processId);
      processId = await subject.newProcess();
      return created;
    };

    it('creates a subscription out of sync, initial, version 1, with its data parsed by the product', async () => {
      const created = await gadget();
      expect(created).toMatchObject({
        productName: 'gadget',
        customerId: customerId(),
        description: 'a gadget',
        status: 'initial',
        insync: false,
        version: 1,
        startDate: null,
        endDate: null,
        note: null,
        data: { colour: 'red', size: 1 },
        dependsOn: [],
        inUseBy: [],
      });
      expect(typeof created.productId).toBe('string');
      expect(await run((s) => s.get(created.id))).toEqual(created);
    });

    it('refuses what the product refuses, naming the path, and keeps nothing', async () => {
      expect(
        await codeOf((s) => s.create({ productName: 'gadget', customerId: 'c', description: 'd', data: {} })),
      ).toMatch(/^INVALID_SUBSCRIPTION_DATA: .*colour/);
      expect(
        await codeOf((s) => s.create({ productName: 'nothing', customerId: 'c', description: 'd', data: {} })),
      ).toMatch(/^PRODUCT_NOT_FOUND/);
      expect(
        await codeOf((s) =>
          s.create({ productName: 'gadget', customerId: 'c', description: ' ', data: { colour: 'x' } }),
        ),
      ).toMatch(/^INVALID_SUBSCRIPTION_DATA: description/);
      expect(
        await codeOf((s) =>
          s.create({ productName: 'old_gadget', customerId: 'c', description: 'd', data: { colour: 'x' } }),
        ),
      ).toMatch(/^PRODUCT_NOT_ORDERABLE/);
      expect(await run((s) => s.list({ customerId: 'c' }))).toEqual([]);
    });

    it('answers SUBSCRIPTION_NOT_FOUND for an unknown or malformed id', async () => {
      expect(await codeOf((s) => s.get(UNKNOWN))).toMatch(/^SUBSCRIPTION_NOT_FOUND/);
      expect(await codeOf((s) => s.get('not-a-uuid'))).toMatch(/^SUBSCRIPTION_NOT_FOUND/);
      expect(await codeOf((s) => s.update(UNKNOWN, { note: 'x' }))).toMatch(/^SUBSCRIPTION_NOT_FOUND/);
    });

    it('keeps nothing of a transaction that throws', async () => {
      let id = '';
      await expect(
        run(async (s) => {
          id = (await s.create({ productName: 'gadget', customerId: 'c', description: 'd', data: { colour: 'x' } })).id;
          throw new Error('the step failed');
        }),
      ).rejects.toThrow('the step failed');
      expect(await codeOf((s) => s.get(id))).toMatch(/^SUBSCRIPTION_NOT_FOUND/);
    });

    it('updates data, description and note, one version each time; refused data changes nothing', async () => {
      const created = await gadget();
      const updated = await run((s) => s.update(created.id, { data: { colour: 'blue', size: 3 }, note: 'n' }));
      expect(updated).toMatchObject({ version: 2, data: { colour: 'blue', size: 3 }, note: 'n' });
      expect(await run((s) => s.update(created.id, { description: 'renamed' }))).toMatchObject({
        version: 3,
        description: 'renamed',
      });
      expect(await codeOf((s) => s.update(created.id, { data: { colour: 7 } }))).toMatch(
        /^INVALID_SUBSCRIPTION_DATA: .*colour/,
      );
      expect(await run((s) => s.get(created.id))).toMatchObject({ version: 3, data: { colour: 'blue' } });
    });

    it('sets the lifecycle status, with the start and end dates', async () => {
      const created = await gadget();
      const active = await run((s) => s.setStatus(created.id, 'active'));
      expect(active).toMatchObject({ status: 'active', version: 2, endDate: null });
      expect(active.startDate).toEqual(expect.any(String));
      const terminated = await run((s) => s.setStatus(created.id, 'terminated'));
      expect(terminated).toMatchObject({ status: 'terminated', startDate: active.startDate });
      expect(terminated.endDate).toEqual(expect.any(String));
      expect(await codeOf((s) => s.setStatus(created.id, 'gone' as never))).toMatch(/^INVALID_SUBSCRIPTION_STATUS/);
    });

    it('takes a subscription out of sync once (unsync), whatever its flag (unsyncUnchecked), and back (resync)', async () => {
      const { id } = await settledGadget();
      expect(await run((s) => s.get(id))).toMatchObject({ insync: true });
      expect(await run((s) => s.unsync(id))).toMatchObject({ insync: false });
      expect(await codeOf((s) => s.unsync(id))).toMatch(/^SUBSCRIPTION_NOT_IN_SYNC/);
      expect(await run((s) => s.unsyncUnchecked(id))).toMatchObject({ insync: false });
      expect(await run((s) => s.resync(id))).toMatchObject({ insync: true });
    });

    it('holds a subscription for a process (holdLock) and puts it back in sync when that process releases it', async () => {
      const { id, version } = await settledGadget();
      expect(await run((s) => s.holdLock(id, { allowOutOfSync: false }))).toMatchObject({
        insync: false,
        version: version + 2,
      });
      const other = await subject.newProcess();
      expect(await codeOf((s) => s.holdLock(id, { allowOutOfSync: false }), other)).toMatch(
        /^SUBSCRIPTION_NOT_IN_SYNC/,
      );
      await subject.finish(other);
      expect(await run((s) => s.releaseLocks())).toEqual([id]);
      expect(await run((s) => s.get(id))).toMatchObject({ insync: true });
    });

    it('lets a process allowed out of sync link an out-of-sync subscription without taking it back in sync', async () => {
      const { id } = await settledGadget();
      await run((s) => s.unsync(id));
      await subject.finish(processId);
      const reconciler = await subject.newProcess();
      expect(await run((s) => s.holdLock(id, { allowOutOfSync: true }), reconciler)).toMatchObject({ insync: false });
      expect(await run((s) => s.releaseLocks(), reconciler)).toEqual([]);
      expect(await run((s) => s.get(id), reconciler)).toMatchObject({ insync: false });
    });

    it('hands the lock to another open process linked to the subscription instead of putting it in sync', async () => {
      const { id } = await settledGadget();
      await run((s) => s.holdLock(id, { allowOutOfSync: false }));
      const heir = await subject.newProcess();
      await run((s) => s.link(id), heir);
      expect(await run((s) => s.releaseLocks())).toEqual([]);
      expect(await run((s) => s.get(id))).toMatchObject({ insync: false });
      await subject.finish(processId);
      expect(await run((s) => s.releaseLocks(), heir)).toEqual([id]);
    });

    it('records dependencies both ways (relate), once, never on itself', async () => {
      const used = await gadget();
      const user = await gadget({ colour: 'green' });
      await run((s) => s.relate(user.id, used.id));
      await run((s) => s.relate(user.id, used.id));
      expect(await run((s) => s.get(user.id))).toMatchObject({ dependsOn: [used.id], inUseBy: [], version: 2 });
      expect(await run((s) => s.get(used.id))).toMatchObject({ dependsOn: [], inUseBy: [user.id], version: 2 });
      expect(await codeOf((s) => s.relate(user.id, user.id))).toMatch(/^INVALID_SUBSCRIPTION_RELATION/);
    });

    it('lists subscriptions newest first, by product, status, customer and insync', async () => {
      const first = await gadget();
      const second = await gadget({ colour: 'blue' });
      await run((s) => s.setStatus(second.id, 'active'));
      const ids = (filter: Parameters<SubscriptionService['list']>[0]) =>
        run((s) => s.list(filter)).then((found) => found.map((f) => f.id));
      expect(await ids({ customerId: customerId() })).toEqual([second.id, first.id]);
      expect(await ids({ customerId: customerId(), status: 'active' })).toEqual([second.id]);
      expect(await ids({ customerId: customerId(), status: ['initial', 'active'], limit: 1 })).toEqual([second.id]);
      expect(await ids({ customerId: customerId(), productName: 'box' })).toEqual([]);
      expect(await ids({ customerId: customerId(), insync: true })).toEqual([]);
    });

    describe('with product blocks', () => {
      const newBox = (data: object, status?: 'initial' | 'provisioning') =>
        run((s) =>
          s.create({
            productName: 'box',
            customerId: customerId(),
            description: 'a box',
            data,
            ...(status && { status }),
          }),
        );

      it('stores a tree and loads it with every identity, an empty list as []', async () => {
        const created = await newBox({ label: 'one', size: 'S' });
        const model = await run((s) => s.load<BlockInstance>(created.id));
        expect(model.data).toEqual({
          subscriptionInstanceId: expect.any(String),
          ownerSubscriptionId: created.id,
          label: 'one',
          size: 'S',
          items: [],
        });
      });

      it('checks the tree for the status, naming each path; nothing is written on a refusal', async () => {
        expect(
          await codeOf((s) => s.create({ productName: 'box', customerId: 'c', description: 'd', data: {} })),
        ).toMatch(/^INVALID_SUBSCRIPTION_DATA: .*label/);
        expect(
          await codeOf((s) =>
            s.create({
              productName: 'box',
              customerId: 'c',
              description: 'd',
              status: 'provisioning',
              data: { label: 'x', size: 'S' },
            }),
          ),
        ).toMatch(/^INVALID_SUBSCRIPTION_DATA: .*items/);
        const created = await newBox({ label: 'two', size: 'M' });
        expect(await codeOf((s) => s.setStatus(created.id, 'provisioning'))).toMatch(
          /^INVALID_SUBSCRIPTION_DATA: .*items/,
        );
        expect(await run((s) => s.get(created.id))).toMatchObject({ status: 'initial', version: 1 });
      });

      it('saves a changed tree: instances added, changed and removed, version + 1', async () => {
        const created = await newBox(
          { label: 'three', size: 'M', items: [{ weight: 1 }, { weight: 2 }] },
          'provisioning',
        );
        const model = await run((s) => s.load<BlockInstance & { items: BlockInstance[] }>(created.id));
        const [keep] = model.data.items;
        const saved = await run((s) =>
          s.save({ id: created.id, data: { ...model.data, items: [{ ...keep, weight: 5 }], lid: { colour: 'red' } } }),
        );
        expect(saved.version).toBe(2);
        expect(saved.data).toMatchObject({
          items: [{ subscriptionInstanceId: keep?.subscriptionInstanceId, weight: 5 }],
          lid: { colour: 'red', ownerSubscriptionId: created.id },
        });
      });

      it("uses another subscription's block: it shows in the tree and makes a dependency", async () => {
        const owned = await newBox({ label: 'shared', size: 'L' });
        const boxRoot = (await run((s) => s.load(owned.id))).data.subscriptionInstanceId;
        const created = await run((s) =>
          s.create({
            productName: 'shelf',
            customerId: customerId(),
            description: 'a shelf',
            data: { place: 'hall', boxes: [{ subscriptionInstanceId: boxRoot }] },
          }),
        );
        expect(created.dependsOn).toEqual([owned.id]);
        const shelfModel = await run((s) => s.load(created.id));
        expect(shelfModel.data).toMatchObject({
          place: 'hall',
          boxes: [{ subscriptionInstanceId: boxRoot, ownerSubscriptionId: owned.id, label: 'shared' }],
        });
        expect(await run((s) => s.get(owned.id))).toMatchObject({ inUseBy: [created.id] });
        // A change of the used block shows in the user's tree, and is a change of the user too.
        await run((s) => s.save({ id: owned.id, data: { label: 'renamed', size: 'S' } }));
        expect(await run((s) => s.load(created.id))).toMatchObject({
          version: created.version + 1,
          data: { boxes: [{ label: 'renamed', size: 'S' }] },
        });
      });
    });
  });
}
