import { z } from 'zod';
import { defineProductBlock, list, optional, ProductModelError, requirementOf } from './product-blocks';
import { defineProduct, ProductRegistry } from './products';

const port = defineProductBlock({
  name: 'port',
  description: 'a port',
  tag: 'PORT',
  resources: {
    name: z.string().describe('Interface name'),
    mtu: z.number().default(1500),
    note: z.string().optional(),
  },
});
const product = (name: string, block: Parameters<typeof defineProduct>[0]['block']) =>
  defineProduct({ name, productType: 'T', tag: 'T', description: 'd', block: block!, workflows: [] });

describe('defineProductBlock', () => {
  it('keeps resources, children and requirements, active by default unless a schema lets a value be missing', () => {
    const circuit = defineProductBlock({
      name: 'circuit',
      description: 'c',
      tag: 'C',
      resources: { vlan: z.number() },
      blocks: { a: port, b: optional(port), ends: list(port, { min: 2, max: 4 }) },
      requiredFrom: { vlan: 'initial', ends: 'provisioning' },
    });
    expect(['vlan', 'a', 'b', 'ends'].map((key) => requirementOf(circuit, key))).toEqual([
      'initial',
      'active',
      null,
      'provisioning',
    ]);
    expect(['name', 'mtu', 'note'].map((key) => requirementOf(port, key))).toEqual(['active', null, null]);
  });

  it.each<[string, () => unknown, RegExp]>([
    ['min above max', () => list(port, { min: 3, max: 2 }), /min 3 is more than max 2/],
    ['a negative min', () => list(port, { min: -1 }), /min must be a whole number >= 0/],
    [
      'a key both resource and block',
      () => ({ resources: { a: z.string() }, blocks: { a: port } }),
      /both a resource and a block/,
    ],
    ['an unknown requiredFrom key', () => ({ requiredFrom: { nope: 'active' } }), /requiredFrom names "nope"/],
    [
      'an optional child required',
      () => ({ blocks: { b: optional(port) }, requiredFrom: { b: 'active' } }),
      /"b" is optional/,
    ],
    ['a reserved key', () => ({ resources: { subscriptionInstanceId: z.string() } }), /reserved/],
    ['a bad name', () => ({ name: 'a block' }), /a block name is a letter/],
  ])('refuses %s with a ProductModelError naming it', (_what, options, message) => {
    const define = () => {
      const made = options() as Record<string, unknown>;
      if ((made as { kind?: string }).kind === 'list') {
        return defineProductBlock({ name: 'x', description: 'x', tag: 'X', blocks: { l: made as never } });
      }
      return defineProductBlock({ name: 'x', description: 'x', tag: 'X', ...made } as never);
    };
    expect(define).toThrow(ProductModelError);
    expect(define).toThrow(message);
  });
});

describe('the product catalog', () => {
  it('collects every block reachable from the products and the resource types they share', () => {
    const nic = defineProductBlock({
      name: 'nic',
      description: 'n',
      tag: 'N',
      resources: { name: z.string() },
      blocks: { port },
    });
    const registry = new ProductRegistry([product('server', nic)]);
    expect([...registry.catalog().blocks.keys()].sort()).toEqual(['nic', 'port']);
    expect(registry.catalog().resourceTypes).toEqual([
      { name: 'mtu', description: null, blocks: ['port'] },
      { name: 'name', description: 'Interface name', blocks: ['nic', 'port'] },
      { name: 'note', description: null, blocks: ['port'] },
    ]);
    expect(registry.catalog().productsUsing('port')).toEqual(['server']);
  });

  it.each<[string, () => ProductRegistry, string]>([
    [
      'an unknown child',
      () =>
        new ProductRegistry([
          product('p', defineProductBlock({ name: 'a', description: 'a', tag: 'A', blocks: { x: 'nope' } })),
        ]),
      'product block "a": child "x" names block "nope", which is not defined',
    ],
    [
      'a cycle',
      () => {
        const a = defineProductBlock({ name: 'a', description: 'a', tag: 'A', blocks: { b: 'b' } });
        const b = defineProductBlock({ name: 'b', description: 'b', tag: 'B', blocks: { a: optional(a) } });
        return new ProductRegistry([product('p', a), product('q', b)]);
      },
      'product blocks form a cycle: a -> b -> a',
    ],
    [
      'two blocks of one name',
      () =>
        new ProductRegistry([
          product('p', port),
          product('q', defineProductBlock({ name: 'port', description: 'p', tag: 'P' })),
        ]),
      'product block "port" is defined twice',
    ],
    [
      'a resource type described twice',
      () =>
        new ProductRegistry([
          product('p', port),
          product(
            'q',
            defineProductBlock({
              name: 'b',
              description: 'b',
              tag: 'B',
              resources: { name: z.string().describe('Other') },
            }),
          ),
        ]),
      'resource type "name" is described differently by blocks "b" and "port"',
    ],
  ])('stops on %s with one line naming it', (_what, build, message) => {
    expect(build).toThrow(ProductModelError);
    expect(build).toThrow(message);
  });

  it('gives a flat product a root block named after it, its keys required from initial unless optional', () => {
    const flat = defineProduct({
      name: 'node',
      productType: 'N',
      tag: 'N',
      description: 'd',
      data: z.object({ hostname: z.string(), loopback: z.string().optional() }),
      workflows: [],
    });
    expect(flat.block).toMatchObject({ name: 'node', flatData: flat.data });
    expect(['hostname', 'loopback'].map((key) => requirementOf(flat.block, key))).toEqual(['initial', null]);
  });
});
