/** The JSON object carried from step to step. */
export type State = Record<string, unknown>;

/** What a step function may return: a partial state merged shallowly, or nothing. */
export type StepReturn = State | void | undefined | null;

export class StateNotSerialisableError extends Error {
  override readonly name = 'StateNotSerialisableError';
}

/**
 * Checks that a value survives JSON.stringify/parse unchanged in meaning. JSON.stringify silently drops
 * functions and turns NaN into null, so a step returning them would lose data without anyone noticing.
 * `undefined` object properties are allowed and dropped, as JSON does.
 */
export function assertJsonSerialisable(value: unknown, path = 'state'): void {
  walk(value, path, new Set());
}

function walk(value: unknown, path: string, ancestors: Set<object>): void {
  switch (typeof value) {
    case 'string':
      assertStorableString(value, path);
      return;
    case 'boolean':
    case 'undefined':
      return;
    case 'number':
      if (!Number.isFinite(value)) throw new StateNotSerialisableError(`${path} is ${value}, which JSON cannot hold`);
      return;
    case 'bigint':
    case 'symbol':
    case 'function':
      throw new StateNotSerialisableError(`${path} is a ${typeof value}, which JSON cannot hold`);
    case 'object':
      break;
  }
  if (value === null) return;
  const object = value as object;
  if (ancestors.has(object)) throw new StateNotSerialisableError(`${path} refers to itself (a cycle)`);
  if (value instanceof Date) return;
  ancestors.add(object);
  if (Array.isArray(value)) {
    value.forEach((item, index) => walk(item, `${path}[${index}]`, ancestors));
  } else {
    const proto = Object.getPrototypeOf(object) as unknown;
    if (proto !== Object.prototype && proto !== null) {
      const className = (object.constructor as { name?: string } | undefined)?.name ?? 'object';
      throw new StateNotSerialisableError(`${path} is a ${className}, which JSON cannot hold; use a plain object`);
    }
    for (const [key, item] of Object.entries(object)) {
      assertStorableString(key, `${path} key "${key}"`);
      walk(item, `${path}.${key}`, ancestors);
    }
  }
  ancestors.delete(object);
}

/** Shallow merge of a step's returned partial state, after checking that it is plain JSON. */
export function mergeState(state: State, returned: unknown, path = 'state'): State {
  if (returned === undefined || returned === null) return state;
  if (typeof returned !== 'object' || Array.isArray(returned)) {
    throw new StateNotSerialisableError(
      `a step must return an object (a partial state) or nothing, got ${describe(returned)}`,
    );
  }
  assertJsonSerialisable(returned, path);
  return { ...state, ...(returned as State) };
}

function describe(value: unknown): string {
  return Array.isArray(value) ? 'an array' : typeof value;
}

/** PostgreSQL's jsonb holds neither NUL characters nor lone UTF-16 surrogates. */
function assertStorableString(value: string, path: string): void {
  if (value.includes('\u0000'))
    throw new StateNotSerialisableError(`${path} contains a NUL character, which cannot be stored`);
  if (!value.isWellFormed())
    throw new StateNotSerialisableError(`${path} contains a lone UTF-16 surrogate, which cannot be stored`);
}
