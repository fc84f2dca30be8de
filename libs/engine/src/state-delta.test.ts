import { stateDelta } from './state-delta';

describe('the state delta of a step', () => {
  it('lists the keys a step added, changed and removed, with the values before and after', () => {
    expect(stateDelta({ a: 1, b: 'x', c: true }, { a: 1, b: 'y', d: [1] })).toEqual({
      added: { d: [1] },
      changed: { b: { before: 'x', after: 'y' } },
      removed: { c: true },
    });
  });

  it('takes everything as added for the first row, which has no previous state', () => {
    expect(stateDelta(undefined, { name: 'world' })).toEqual({ added: { name: 'world' }, changed: {}, removed: {} });
  });

  it('compares nested values as JSON, whatever the order of their keys', () => {
    const before = { port: { name: 'ge-0/0/1', speed: '10G' }, list: [{ a: 1, b: 2 }] };
    const after = { port: { speed: '10G', name: 'ge-0/0/1' }, list: [{ b: 2, a: 1 }] };
    expect(stateDelta(before, after)).toEqual({ added: {}, changed: {}, removed: {} });
  });

  it('sees a change deep inside a value, and between an object and an array', () => {
    expect(stateDelta({ x: { y: [1, 2] }, z: {} }, { x: { y: [1, 3] }, z: [] }).changed).toEqual({
      x: { before: { y: [1, 2] }, after: { y: [1, 3] } },
      z: { before: {}, after: [] },
    });
  });

  it('tells null from a missing key', () => {
    expect(stateDelta({ a: null }, {})).toEqual({ added: {}, changed: {}, removed: { a: null } });
    expect(stateDelta({}, { a: null })).toEqual({ added: { a: null }, changed: {}, removed: {} });
  });
});
