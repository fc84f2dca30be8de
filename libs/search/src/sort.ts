import { invalidSort } from './errors';
import { normalizeFieldName } from './field-map';

export type SortDirection = 'asc' | 'desc';
export type SortKeyKind = 'date' | 'text' | 'number' | 'uuid';

export interface SortKeySpec {
  /** Column expression in the scope of the list's FROM (`p.started_at`, `pr.name` of a joined table). */
  sql: string;
  kind: SortKeyKind;
  /**
   * The column may be NULL: NULLs sort last ascending and first descending (PostgreSQL's default). A
   * nullable date sorts as `COALESCE(sql, 'infinity')`; other kinds keep their NULLs, walked with a
   * predicate that is exact but that an index serves only partly (see README).
   */
  nullable?: boolean;
}

export interface SortSpec {
  /** Written into every cursor, so that one list refuses another's cursors. */
  list: string;
  fields: Record<string, SortKeySpec>;
  /** The row id that breaks ties: unique and never NULL. */
  id: { sql: string; kind: Exclude<SortKeyKind, 'date'> };
  /** `field,asc` or `field,desc`: the order when `sort` is absent. */
  default: string;
}

export interface SortDefinition extends SortSpec {
  readonly defaultSort: Sort;
}

/** A parsed `sort`: one field of the list and a direction, tie-broken by the row id in the same direction. */
export interface Sort {
  list: string;
  field: string;
  direction: SortDirection;
  /** What the ORDER BY sorts on (for a nullable date, its COALESCE with infinity). */
  key: SortKeySpec;
  id: SortSpec['id'];
  /** Canonical form, `startedAt,desc`: what a cursor remembers. */
  text: string;
}

/** Checks a list's sortable fields once, at module load. */
export function defineSort(spec: SortSpec): SortDefinition {
  const names = new Set<string>();
  for (const name of Object.keys(spec.fields)) {
    const key = normalizeFieldName(name);
    if (names.has(key)) throw new TypeError(`sort field "${name}" is defined twice`);
    names.add(key);
  }
  const definition = { ...spec } as SortDefinition;
  const defaultSort = readSort(spec.default, definition);
  if (typeof defaultSort === 'string') throw new TypeError(`sort of ${spec.list}: default: ${defaultSort}`);
  return Object.assign(definition, { defaultSort });
}

/**
 * `sort=field,asc|desc` (the direction defaults to asc; names compare as in `q`, without case and
 * underscores). Absent or empty: the list's default. Throws VALIDATION_FAILED naming `sort`.
 */
export function parseSort(value: string | undefined, definition: SortDefinition): Sort {
  if (value === undefined || value.trim() === '') return definition.defaultSort;
  const sort = readSort(value, definition);
  if (typeof sort === 'string') throw invalidSort(sort);
  return sort;
}

function readSort(value: string, spec: SortSpec): Sort | string {
  const parts = value.split(',').map((part) => part.trim());
  if (parts.length > 2) return `sort is field,asc or field,desc, not "${value}"`;
  const [name = '', direction = 'asc'] = parts;
  const entry = Object.entries(spec.fields).find(([field]) => normalizeFieldName(field) === normalizeFieldName(name));
  if (!entry) return `cannot sort by "${name}": sort by one of ${Object.keys(spec.fields).join(', ')}`;
  const lower = direction.toLowerCase();
  if (lower !== 'asc' && lower !== 'desc') return `sort direction is asc or desc, not "${direction}"`;
  const [field, key] = entry;
  return { list: spec.list, field, direction: lower, key: orderingKey(key), id: spec.id, text: `${field},${lower}` };
}

/**
 * A nullable date orders as `COALESCE(key, 'infinity')`: NULLs stay where PostgreSQL puts them (last
 * ascending, first descending), and the key is never NULL, so that "after the cursor" is one row comparison
 * that an index on `(COALESCE(key, 'infinity'::timestamptz), id)` serves on every page.
 */
function orderingKey(key: SortKeySpec): SortKeySpec {
  if (!key.nullable || key.kind !== 'date') return key;
  return { sql: `COALESCE(${key.sql}, 'infinity'::timestamptz)`, kind: 'date', nullable: false };
}
