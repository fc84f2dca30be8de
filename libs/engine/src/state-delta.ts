import type { State } from './state';

/** What a step changed in the state (ENGINE.md 11.3): keys it added, changed (before and after) or removed. */
export interface StateDelta {
  added: State;
  changed: Record<string, { before: unknown; after: unknown }>;
  removed: State;
}

/**
 * The top-level keys of `after` that `before` lacked, those whose value differs, and those it dropped. Values
 * compare as JSON whatever the order of their keys (jsonb reorders them), so a state read back from the
 * database equals the one a step returned.
 */
export function stateDelta(before: State | null | undefined, after: State | null | undefined): StateDelta {
  const previous = before ?? {};
  const next = after ?? {};
  const delta: StateDelta = { added: {}, changed: {}, removed: {} };
  for (const [key, value] of Object.entries(next)) {
    if (!Object.hasOwn(previous, key)) delta.added[key] = value;
    else if (!sameJson(previous[key], value)) delta.changed[key] = { before: previous[key], after: value };
  }
  for (const [key, value] of Object.entries(previous)) {
    if (!Object.hasOwn(next, key)) delta.removed[key] = value;
  }
  return delta;
}

function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, index) => sameJson(item, b[index]));
  }
  const left = Object.entries(a).filter(([, value]) => value !== undefined);
  const right = b as Record<string, unknown>;
  const rightKeys = Object.keys(right).filter((key) => right[key] !== undefined);
  return left.length === rightKeys.length && left.every(([key, value]) => sameJson(value, right[key]));
}
