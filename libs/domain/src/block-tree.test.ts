import { z } from 'zod';
import {
  defineProduct,
  defineProductBlock,
  list,
  ProductRegistry,
  type SubscriptionStatus,
} from '@orchestrator/engine';
import { instanceIdsIn, isRequiredAt, planBlockTree, type InstanceFacts } from './block-tree';

const port = defineProductBlock({ name: 'port', description: 'p', tag: 'P', resources: { name: z.string() } });
const endpoint = defineProductBlock({
  name: 'endpoint',
  description: 'e',
  tag: 'E',
  resources: { vlan: z.number().int() },
  blocks: { port },
  requiredFrom: { port: 'initial', vlan: 'provisioning' },
});
const circuit = defineProductBlock({
  name: 'circuit',
  description: 'c',
  tag: 'C',
  resources: { speed: z.number() },
  blocks: { ends: list(endpoint, { min: 2, max: 3 }) },
  requiredFrom: { ends: 'provisioning' },
});
const registry = new ProductRegistry([
  defineProduct({ name: 'circuit', productType: 'C', tag: 'C', description: 'c', block: circuit, workflows: [] }),
]);
const SELF = '00000000-0000-4000-8000-000000000001';
const PORT_OWNER = '00000000-0000-4000-8000-000000000002';
const PORT_ID = '00000000-0000-4000-8000-0000000000aa';
let counter = 0;

function plan(
  data: unknown,
  status: SubscriptionStatus,
  facts: Record<string, InstanceFacts> = {},
  existingRootId: string | null = null,
) {
  return planBlockTree({
    subscriptionId: SELF,
    status,
    root: circuit,
    catalog: registry.catalog(),
    data,
    facts: new Map(Object.entries(facts)),
    existingRootId,
    newId: () => `new-${(counter += 1)}`,
  });
}
const portFacts = (ownerStatus: SubscriptionStatus = 'active'): Record<string, InstanceFacts> => ({
  [PORT_ID]: { ownerSubscriptionId: PORT_OWNER, ownerStatus, blockName: 'port' },
});
const paths = (result: ReturnType<typeof plan>) => (result.ok ? [] : result.problems.map((p) => p.path));

describe('lifecycle typing of a block tree', () => {
  it('orders the statuses: terminated requires nothing, disabled and migrating what active does', () => {
    expect(
      ['initial', 'provisioning', 'active', 'disabled', 'migrating', 'terminated'].map((s) =>
        isRequiredAt('provisioning', s as SubscriptionStatus),
      ),
    ).toEqual([false, true, true, true, true, false]);
  });

  it('lets an initial subscription miss what is required later, and refuses it from that status on', () => {
    expect(plan({}, 'initial').ok).toBe(true);
    expect(paths(plan({}, 'provisioning'))).toEqual(['ends']);
    expect(paths(plan({}, 'active'))).toEqual(['speed', 'ends']);
    const ends = [{ port: { subscriptionInstanceId: PORT_ID } }, { port: { subscriptionInstanceId: PORT_ID } }];
    expect(paths(plan({ speed: 1, ends }, 'provisioning', portFacts()))).toEqual(['ends.0.vlan', 'ends.1.vlan']);
  });

  it('plans own instances and only relations to the instances of other subscriptions', () => {
    const result = plan(
      {
        speed: 10,
        ends: [
          { vlan: 5, port: { subscriptionInstanceId: PORT_ID, name: 'not written' } },
          { vlan: 6, port: { subscriptionInstanceId: PORT_ID } },
        ],
      },
      'active',
      portFacts(),
    );
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.instances.map((i) => [i.blockName, i.isRoot, i.values])).toEqual([
      ['circuit', true, { speed: 10 }],
      ['endpoint', false, { vlan: 5 }],
      ['endpoint', false, { vlan: 6 }],
    ]);
    expect(result.relations.map((r) => [r.attribute, r.orderId, r.childId === PORT_ID])).toEqual([
      ['port', 0, true],
      ['ends', 0, false],
      ['port', 0, true],
      ['ends', 1, false],
    ]);
    expect(result.usedOwners).toEqual([PORT_OWNER]);
  });

  it.each<[string, unknown, Record<string, InstanceFacts>, string[]]>([
    [
      'too many list items',
      { ends: [{}, {}, {}, {}] },
      {},
      ['ends', 'ends.0.port', 'ends.1.port', 'ends.2.port', 'ends.3.port'],
    ],
    ['a key the block does not have', { speed: 1, colour: 'red' }, {}, ['colour']],
    ['a value its schema refuses', { speed: 'fast' }, {}, ['speed']],
    [
      'an unknown instance id',
      { ends: [{ port: { subscriptionInstanceId: PORT_ID } }] },
      {},
      ['ends.0.port.subscriptionInstanceId'],
    ],
    [
      'an instance of another block',
      { ends: [{ port: { subscriptionInstanceId: PORT_ID } }] },
      { [PORT_ID]: { ownerSubscriptionId: PORT_OWNER, ownerStatus: 'active', blockName: 'endpoint' } },
      ['ends.0.port'],
    ],
    [
      'a terminated owner',
      { ends: [{ port: { subscriptionInstanceId: PORT_ID } }] },
      portFacts('terminated'),
      ['ends.0.port'],
    ],
    ['a list that is not one', { ends: { port: {} } }, {}, ['ends']],
  ])('refuses %s, naming the path', (_what, data, facts, expected) => {
    expect(paths(plan(data, 'initial', facts))).toEqual(expected);
  });

  it('reuses the root it has, and refuses an own instance at two places', () => {
    const result = plan({ speed: 1 }, 'initial', {}, 'root-1');
    expect(result.ok && result.instances[0]).toMatchObject({ id: 'root-1', isNew: false });
    const own = '00000000-0000-4000-8000-0000000000bb';
    const facts = { [own]: { ownerSubscriptionId: SELF, ownerStatus: 'initial' as const, blockName: 'endpoint' } };
    const twice = [{ subscriptionInstanceId: own }, { subscriptionInstanceId: own }];
    expect(paths(plan({ ends: twice }, 'initial', facts, 'root-1'))).toContain('ends.1');
  });

  it('finds every instance id named anywhere in a tree', () => {
    expect([
      ...instanceIdsIn({
        a: [{ subscriptionInstanceId: PORT_ID.toUpperCase() }],
        b: { subscriptionInstanceId: 'nope' },
      }),
    ]).toEqual([PORT_ID]);
  });
});
