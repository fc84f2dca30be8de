import { decodeCursor, encodeCursor, type CursorOptions } from './cursor';
import type { Sort, SortKeyKind } from './sort';
import { SqlParams, type SqlCast, type SqlFragment } from './sql-fragment';

/** The aliases under which `cursorColumns` selects the sort key and the id, as text. */
export const CURSOR_COLUMNS = { key: 'cursorKey', id: 'cursorId' } as const;

export interface KeysetPlan {
  /** For `ORDER BY`: the sort key, then the id, both in the sort's direction. */
  orderBy: string;
  /**
   * For the SELECT list: the sort key and the id as exact text (timestamps to the microsecond, which a
   * JavaScript Date would round), read back by `nextCursor`.
   */
  cursorColumns: string;
  /** The rows strictly after the cursor in this order, or null without a cursor. */
  after: SqlFragment | null;
}

export interface KeysetOptions extends CursorOptions {
  /** Placeholders of `after` start at `$<paramOffset + 1>`. */
  paramOffset?: number;
}

const CAST: Record<SortKeyKind, SqlCast> = { date: 'timestamptz', text: 'text', number: 'numeric', uuid: 'uuid' };

/**
 * ORDER BY, cursor columns and the "after this cursor" predicate for a sort. Exact under every sort: the id
 * breaks ties, and NULL keys (last ascending, first descending) are walked through like any other value.
 * Throws INVALID_CURSOR for a cursor of another list or sort.
 */
export function planKeyset(sort: Sort, cursor: string | undefined, options: KeysetOptions = {}): KeysetPlan {
  const direction = sort.direction === 'asc' ? 'ASC' : 'DESC';
  const nulls = sort.key.nullable ? (sort.direction === 'asc' ? ' NULLS LAST' : ' NULLS FIRST') : '';
  const orderBy = `${sort.key.sql} ${direction}${nulls}, ${sort.id.sql} ${direction}`;
  const cursorColumns = `${keyAsText(sort.key.sql, sort.key.kind)} AS "${CURSOR_COLUMNS.key}", ${sort.id.sql}::text AS "${CURSOR_COLUMNS.id}"`;
  if (cursor === undefined || cursor === '') return { orderBy, cursorColumns, after: null };
  const position = decodeCursor(sort, cursor, options);
  const params = new SqlParams(options.paramOffset ?? 0);
  const key = sort.key.sql;
  const id = sort.id.sql;
  const later = sort.direction === 'asc' ? '>' : '<';
  let sql: string;
  if (position.key === null) {
    const idParam = params.add(position.id, CAST[sort.id.kind]);
    // NULL keys come last ascending (only later NULLs remain) and first descending (then every non-NULL).
    sql =
      sort.direction === 'asc'
        ? `(${key} IS NULL AND ${id} > ${idParam})`
        : `((${key} IS NULL AND ${id} < ${idParam}) OR ${key} IS NOT NULL)`;
  } else {
    const keyParam = params.add(position.key, CAST[sort.key.kind]);
    const idParam = params.add(position.id, CAST[sort.id.kind]);
    const row = `((${key}, ${id}) ${later} (${keyParam}, ${idParam}))`;
    sql = sort.key.nullable && sort.direction === 'asc' ? `(${row} OR ${key} IS NULL)` : row;
  }
  return { orderBy, cursorColumns, after: { sql, params: params.values } };
}

/** The cursor for the page after this row, which was selected with the plan's `cursorColumns`. */
export function nextCursor(sort: Sort, row: Record<string, unknown>, options: CursorOptions = {}): string {
  const key = row[CURSOR_COLUMNS.key];
  const id = row[CURSOR_COLUMNS.id];
  if ((key !== null && typeof key !== 'string') || typeof id !== 'string') {
    throw new TypeError(
      `nextCursor: select the row with the plan's cursorColumns (${CURSOR_COLUMNS.key}, ${CURSOR_COLUMNS.id})`,
    );
  }
  return encodeCursor(sort, { key, id }, options);
}

function keyAsText(sql: string, kind: SortKeyKind): string {
  if (kind !== 'date') return `${sql}::text`;
  return `CASE WHEN isfinite(${sql}) THEN to_char(${sql} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') ELSE ${sql}::text END`;
}
