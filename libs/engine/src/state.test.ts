import { ProductRegistry } from './products';
import { WorkflowRegistry } from './registry';
import { step } from './dsl/steps';
import { silentLogger } from './logger';
import { runStep } from './run-step';
import { StateNotSerialisableError, assertJsonSerialisable, mergeState } from './state';
import type { StepContext } from './step-types';
import { NO_SUBSCRIPTION_SERVICE } from './subscriptions';
import { IN_MEMORY_TX } from './testing';

class Device {
  constructor(readonly name: string) {}
}

function cyclic(): Record<string, unknown> {
  const node: Record<string, unknown> = { name: 'loop' };
  node.self = node;
  return node;
}

describe('assertJsonSerialisable', () => {
  it('accepts plain JSON: strings, finite numbers, booleans, null, arrays and nested objects', () => {
    expect(() =>
      assertJsonSerialisable({
        s: 'x',
        n: -1.5,
        z: 0,
        b: false,
        nothing: null,
        list: [1, 'two', { three: [3] }],
        deep: { a: { b: {} } },
      }),
    ).not.toThrow();
  });

  it('accepts objects without a prototype', () => {
    const bare = Object.create(null) as Record<string, unknown>;
    bare.a = 1;
    expect(() => assertJsonSerialisable({ bare })).not.toThrow();
  });

  it('accepts a Date, which JSON stores as an ISO string', () => {
    expect(() => assertJsonSerialisable({ when: new Date('2024-01-02T03:04:05Z') })).not.toThrow();
  });

  it('accepts undefined properties, which JSON drops', () => {
    expect(() => assertJsonSerialisable({ gone: undefined, nested: { gone: undefined } })).not.toThrow();
  });

  it('accepts the same object reached twice without a cycle', () => {
    const shared = { a: 1 };
    expect(() => assertJsonSerialisable({ left: shared, right: shared, list: [shared, shared] })).not.toThrow();
  });

  it.each<[string, unknown, string]>([
    ['a function', { callback: () => 1 }, 'state.callback is a function, which JSON cannot hold'],
    ['a BigInt', { big: BigInt(10) }, 'state.big is a bigint, which JSON cannot hold'],
    ['a symbol', { tag: Symbol('tag') }, 'state.tag is a symbol, which JSON cannot hold'],
    ['NaN', { ratio: NaN }, 'state.ratio is NaN, which JSON cannot hold'],
    ['Infinity', { limit: -Infinity }, 'state.limit is -Infinity, which JSON cannot hold'],
    ['a Map', { lookup: new Map([['a', 1]]) }, 'state.lookup is a Map, which JSON cannot hold; use a plain object'],
    ['a Set', { members: new Set([1]) }, 'state.members is a Set, which JSON cannot hold; use a plain object'],
    ['a NUL character', { note: 'a\u0000b' }, 'state.note contains a NUL character, which cannot be stored'],
    [
      'a lone surrogate',
      { list: ['\ud800'] },
      'state.list[0] contains a lone UTF-16 surrogate, which cannot be stored',
    ],
    [
      'a class instance',
      { device: new Device('r1') },
      'state.device is a Device, which JSON cannot hold; use a plain object',
    ],
  ])('rejects %s with a message naming its path', (_what, value, message) => {
    expect(() => assertJsonSerialisable(value)).toThrow(new StateNotSerialisableError(message));
  });

  it('names the path through nested objects and array indexes', () => {
    expect(() => assertJsonSerialisable({ a: { list: [1, { fn: () => 0 }] } })).toThrow(
      'state.a.list[1].fn is a function, which JSON cannot hold',
    );
  });

  it('rejects a cycle, naming where it closes', () => {
    expect(() => assertJsonSerialisable({ root: cyclic() })).toThrow('state.root.self refers to itself (a cycle)');
  });

  it('rejects a cycle through an array', () => {
    const list: unknown[] = [];
    list.push({ back: list });
    expect(() => assertJsonSerialisable({ list })).toThrow('state.list[0].back refers to itself (a cycle)');
  });

  it('throws a StateNotSerialisableError', () => {
    expect(() => assertJsonSerialisable({ f: () => 1 })).toThrow(StateNotSerialisableError);
  });
});

describe('mergeState', () => {
  it('merges shallowly: a returned key replaces the whole previous value', () => {
    expect(mergeState({ a: 1, nested: { x: 1, y: 2 } }, { nested: { x: 3 } })).toEqual({ a: 1, nested: { x: 3 } });
  });

  it('returns the state itself when nothing or null is returned', () => {
    const state = { a: 1 };
    expect(mergeState(state, undefined)).toBe(state);
    expect(mergeState(state, null)).toBe(state);
  });

  it('does not change the state it merges into', () => {
    const state = { a: 1 };
    mergeState(state, { b: 2 });
    expect(state).toEqual({ a: 1 });
  });

  it.each<[unknown, string]>([
    [['a', 'b'], 'an array'],
    ['done', 'string'],
    [42, 'number'],
    [true, 'boolean'],
  ])('refuses a step returning %p because it is not a partial state', (returned, described) => {
    expect(() => mergeState({}, returned)).toThrow(
      `a step must return an object (a partial state) or nothing, got ${described}`,
    );
  });

  it('checks what was returned before merging it', () => {
    expect(() => mergeState({}, { n: BigInt(1) })).toThrow('state.n is a bigint');
  });
});

describe('a step returning a state that is not JSON', () => {
  const ctx: StepContext = {
    processId: 'p',
    workflowName: 'w',
    stepName: 's',
    attempt: 1,
    tx: IN_MEMORY_TX,
    subscriptions: NO_SUBSCRIPTION_SERVICE,
    logger: silentLogger,
    idempotencyKey: 'p:1',
    actor: 'SYSTEM',
    catalog: { workflows: new WorkflowRegistry(), products: new ProductRegistry() },
    scheduleAfterCommit: () => undefined,
    heartbeat: () => Promise.resolve(),
  };

  it.each<[string, () => unknown, string]>([
    ['a function', () => ({ f: () => 1 }), 'state.f is a function'],
    ['a cycle', () => ({ node: cyclic() }), 'state.node.self refers to itself (a cycle)'],
    ['a BigInt', () => ({ n: BigInt(2) }), 'state.n is a bigint'],
    ['an array', () => [1, 2], 'workflow "w", step "Bad" returned an array: a step returns an object'],
    ['a string', () => 'ok', 'workflow "w", step "Bad" returned a string: a step returns an object'],
  ])('fails the step when it returns %s', async (_what, fn, message) => {
    const result = await runStep(step('Bad', fn as () => undefined), { a: 1 }, ctx);
    expect(result.kind).toBe('failed');
    if (result.kind !== 'failed') return;
    expect(result.error.class).toBe('StateNotSerialisableError');
    expect(result.error.message).toContain(message);
  });

  it('succeeds with a Date in the returned state', async () => {
    const when = new Date('2024-05-06T07:08:09Z');
    expect(
      await runStep(
        step('Dated', () => ({ when })),
        {},
        ctx,
      ),
    ).toEqual({ kind: 'success', state: { when } });
  });
});
