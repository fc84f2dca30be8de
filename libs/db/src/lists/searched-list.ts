import {
  compileSearch,
  nextCursor,
  parseSort,
  planKeyset,
  SqlParams,
  type SearchFields,
  type SortDefinition,
  type SqlCast,
} from '@orchestrator/search';
import type { Queryable } from '../queryable';

/** `total` is counted exactly up to this many rows; past it, it is this floor and `totalIsEstimate` (ENGINE.md 11.2). */
export const EXACT_TOTAL_LIMIT = 10_000;

/** What a list request asks for besides its plain filters: `q`, `sort`, the cursor and the page size. */
export interface ListRequest {
  q?: string;
  sort?: string;
  cursor?: string;
  limit: number;
}

export interface ListPage<T> {
  items: T[];
  nextCursor: string | null;
  /** How many rows match the filters and `q` (exact up to EXACT_TOTAL_LIMIT, then that floor). */
  total: number;
  totalIsEstimate: boolean;
}

/** The plain filters of a list (`status=`, `workflowName=`, ...) as SQL conditions with typed placeholders. */
export class ListFilters {
  readonly conditions: string[] = [];
  private readonly params = new SqlParams(0);

  /** Adds `condition(placeholder)` when `value` is given. */
  add(value: unknown, cast: SqlCast, condition: (placeholder: string) => string): this {
    if (value !== undefined) this.conditions.push(condition(this.params.add(value, cast)));
    return this;
  }

  /** Adds a condition without a parameter (`NOT s.insync`). */
  when(given: boolean, condition: string): this {
    if (given) this.conditions.push(condition);
    return this;
  }

  get values(): unknown[] {
    return this.params.values;
  }
}

export interface SearchedListSpec {
  /** `processes p JOIN workflows w ON ...`: the FROM the field map and the sort are written against. */
  from: string;
  /** The SELECT list of an item. */
  columns: string;
  fields: SearchFields;
  sort: SortDefinition;
}

/**
 * One page of a list: the plain filters AND `q` (libs/search), ordered by `sort` with the keyset cursor
 * (exact under every sort: the id breaks ties), and the total of every matching row, counted up to
 * EXACT_TOTAL_LIMIT + 1 so that a broad filter costs a bounded scan. Throws INVALID_QUERY, VALIDATION_FAILED
 * (sort) and INVALID_CURSOR as libs/search does, before anything runs.
 */
export async function searchedList<T>(
  db: Queryable,
  spec: SearchedListSpec,
  filters: ListFilters,
  request: ListRequest,
): Promise<ListPage<T>> {
  const search = compileSearch(request.q, spec.fields, { paramOffset: filters.values.length });
  const sort = parseSort(request.sort, spec.sort);
  const matching = [...filters.conditions, search.sql];
  const matchParams = [...filters.values, ...search.params];
  const page = planKeyset(sort, request.cursor, { paramOffset: matchParams.length });
  const where = page.after ? [...matching, page.after.sql] : matching;
  const pageParams = [...matchParams, ...(page.after?.params ?? [])];
  const [rows, counted] = await Promise.all([
    db.query(
      `SELECT ${spec.columns}, ${page.cursorColumns} FROM ${spec.from}
        WHERE ${where.join(' AND ')}
        ORDER BY ${page.orderBy} LIMIT $${pageParams.length + 1}`,
      [...pageParams, request.limit + 1],
    ) as Promise<(T & Record<string, unknown>)[]>,
    db.query(
      `SELECT count(*)::int AS total FROM (SELECT 1 FROM ${spec.from} WHERE ${matching.join(' AND ')}
        LIMIT $${matchParams.length + 1}) matching`,
      [...matchParams, EXACT_TOTAL_LIMIT + 1],
    ) as Promise<{ total: number }[]>,
  ]);
  const items = rows.slice(0, request.limit);
  const last = rows.length > request.limit ? items[items.length - 1] : undefined;
  const total = counted[0]?.total ?? 0;
  return {
    items: items.map(withoutCursorColumns) as T[],
    nextCursor: last ? nextCursor(sort, last) : null,
    total: Math.min(total, EXACT_TOTAL_LIMIT),
    totalIsEstimate: total > EXACT_TOTAL_LIMIT,
  };
}

function withoutCursorColumns<T extends Record<string, unknown>>(row: T): T {
  const { cursorKey: _key, cursorId: _id, ...item } = row;
  return item as T;
}
