import type { State } from './state';

/** The object at `path` inside `state` (an empty object where the path does not lead to one). */
export function getIn(state: State, path: readonly string[]): State {
  let current: State = state;
  for (const key of path) {
    const next: unknown = current[key];
    current = next !== null && typeof next === 'object' && !Array.isArray(next) ? (next as State) : {};
  }
  return current;
}

/** A copy of `state` with the object at `path` replaced by `value`. */
export function setIn(state: State, path: readonly string[], value: State): State {
  const [head, ...rest] = path;
  if (head === undefined) return value;
  return { ...state, [head]: setIn(getIn(state, [head]), rest, value) };
}
