import type { OrchestratorError } from '@orchestrator/engine';
import { decodeCursor, encodeCursor } from './cursor';
import { CURSOR_COLUMNS, nextCursor, planKeyset } from './keyset';
import { defineSort, parseSort } from './sort';

const sorts = defineSort({
  list: 'things',
  fields: {
    startedAt: { sql: 't.started_at', kind: 'date' },
    startDate: { sql: 't.start_date', kind: 'date', nullable: true },
    name: { sql: 't.name', kind: 'text' },
    note: { sql: 't.note', kind: 'text', nullable: true },
  },
  id: { sql: 't.id', kind: 'uuid' },
  default: 'startedAt,desc',
});

const ID = '6f0c1a2b-0000-4000-8000-00000000000a';
const AT = '2024-05-01T10:00:00.000001Z';

function thrown(fn: () => unknown): OrchestratorError {
  try {
    fn();
  } catch (error) {
    return error as OrchestratorError;
  }
  throw new Error('nothing was thrown');
}

const base64 = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('parseSort', () => {
  it('gives the list default without a sort, and reads field,direction without case or underscores', () => {
    expect(parseSort(undefined, sorts)).toMatchObject({
      field: 'startedAt',
      direction: 'desc',
      text: 'startedAt,desc',
    });
    expect(parseSort(' start_date , DESC ', sorts)).toMatchObject({ field: 'startDate', direction: 'desc' });
    expect(parseSort('name', sorts)).toMatchObject({ field: 'name', direction: 'asc', text: 'name,asc' });
  });

  it.each([
    ['colour,asc', 'cannot sort by "colour": sort by one of startedAt, startDate, name, note'],
    ['name,up', 'sort direction is asc or desc, not "up"'],
    ['name,asc,desc', 'sort is field,asc or field,desc, not "name,asc,desc"'],
  ])('refuses %j as a validation failure of sort', (value, message) => {
    expect(thrown(() => parseSort(value, sorts))).toMatchObject({
      code: 'VALIDATION_FAILED',
      message,
      details: [{ path: 'sort', message }],
    });
  });

  it('refuses a list definition whose default is not one of its sorts', () => {
    expect(() => defineSort({ ...sorts, default: 'nope,desc' })).toThrow(
      'sort of things: default: cannot sort by "nope"',
    );
  });
});

describe('planKeyset', () => {
  it('orders by the key then the id in the same direction, with NULLs placed explicitly for nullable keys', () => {
    expect(planKeyset(parseSort('startedAt,desc', sorts), undefined).orderBy).toBe('t.started_at DESC, t.id DESC');
    expect(planKeyset(parseSort('note,asc', sorts), undefined).orderBy).toBe('t.note ASC NULLS LAST, t.id ASC');
    expect(planKeyset(parseSort('note,desc', sorts), undefined).orderBy).toBe('t.note DESC NULLS FIRST, t.id DESC');
  });

  it('orders a nullable date as its COALESCE with infinity, which keeps NULLs where PostgreSQL puts them', () => {
    const plan = planKeyset(parseSort('startDate,asc', sorts), undefined);
    expect(plan.orderBy).toBe(`COALESCE(t.start_date, 'infinity'::timestamptz) ASC, t.id ASC`);
    expect(plan.cursorColumns).toContain(`to_char(COALESCE(t.start_date, 'infinity'::timestamptz) AT TIME ZONE 'UTC'`);
  });

  it('selects the key as exact text: timestamps in UTC to the microsecond', () => {
    expect(planKeyset(parseSort('name', sorts), undefined).cursorColumns).toBe(
      't.name::text AS "cursorKey", t.id::text AS "cursorId"',
    );
    expect(planKeyset(parseSort('startedAt', sorts), undefined).cursorColumns).toBe(
      `CASE WHEN isfinite(t.started_at) THEN to_char(t.started_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') ELSE t.started_at::text END AS "cursorKey", t.id::text AS "cursorId"`,
    );
  });

  it('has no predicate without a cursor', () => {
    expect(planKeyset(parseSort(undefined, sorts), undefined).after).toBeNull();
    expect(planKeyset(parseSort(undefined, sorts), '').after).toBeNull();
  });

  it.each([
    ['startedAt,desc', AT, '((t.started_at, t.id) < ($3::timestamptz, $4::uuid))', [AT, ID]],
    ['name,asc', 'edge', '((t.name, t.id) > ($3::text, $4::uuid))', ['edge', ID]],
    [
      'startDate,asc',
      'infinity',
      `((COALESCE(t.start_date, 'infinity'::timestamptz), t.id) > ($3::timestamptz, $4::uuid))`,
      ['infinity', ID],
    ],
    ['note,desc', 'x', '((t.note, t.id) < ($3::text, $4::uuid))', ['x', ID]],
    ['note,asc', 'x', '(((t.note, t.id) > ($3::text, $4::uuid)) OR t.note IS NULL)', ['x', ID]],
    ['note,asc', null, '(t.note IS NULL AND t.id > $3::uuid)', [ID]],
    ['note,desc', null, '((t.note IS NULL AND t.id < $3::uuid) OR t.note IS NOT NULL)', [ID]],
  ])('after a %s cursor at %j: %s', (sortText, key, sql, params) => {
    const sort = parseSort(sortText, sorts);
    const cursor = encodeCursor(sort, { key, id: ID });
    expect(planKeyset(sort, cursor, { paramOffset: 2 }).after).toEqual({ sql, params });
  });
});

describe('cursors', () => {
  const sort = parseSort('startedAt,desc', sorts);

  it('round-trip the position of the last row selected with the cursor columns', () => {
    const cursor = nextCursor(sort, { [CURSOR_COLUMNS.key]: AT, [CURSOR_COLUMNS.id]: ID, name: 'x' });
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(JSON.parse(Buffer.from(cursor, 'base64url').toString())).toEqual({
      v: 1,
      list: 'things',
      sort: 'startedAt,desc',
      key: AT,
      id: ID,
    });
    expect(decodeCursor(sort, cursor)).toEqual({ key: AT, id: ID });
  });

  it('refuse to be made from a row without the cursor columns (a programming error, not a client one)', () => {
    expect(() => nextCursor(sort, { id: ID })).toThrow(TypeError);
  });

  it('refuse a cursor of another sort or another list as INVALID_CURSOR', () => {
    const other = encodeCursor(parseSort('startedAt,asc', sorts), { key: AT, id: ID });
    expect(thrown(() => planKeyset(sort, other))).toMatchObject({
      code: 'INVALID_CURSOR',
      message:
        'cursor is not one this list handed out for this sort: it was made for sort=startedAt,asc, not sort=startedAt,desc: start again without a cursor',
      details: [{ path: 'cursor' }],
    });
    const otherList = base64({ v: 1, list: 'others', sort: 'startedAt,desc', key: AT, id: ID });
    expect(thrown(() => decodeCursor(sort, otherList)).message).toContain('it belongs to another list, not things');
  });

  it.each([
    ['not base64url', 'a+b/c='],
    ['not JSON', Buffer.from('{nope').toString('base64url')],
    ['not an object', base64([AT, ID])],
    ['unknown format', base64({ v: 2, list: 'things', sort: 'startedAt,desc', key: AT, id: ID })],
    ['unknown format', base64({ v: 1, list: 'things', sort: 'startedAt,desc', key: AT, id: ID, extra: 1 })],
    ['its startedAt is not a date', base64({ v: 1, list: 'things', sort: 'startedAt,desc', key: 'yesterday', id: ID })],
    [
      'its startedAt is not a date',
      base64({ v: 1, list: 'things', sort: 'startedAt,desc', key: '2024-02-30T00:00:00.000000Z', id: ID }),
    ],
    ['its startedAt is not a date', base64({ v: 1, list: 'things', sort: 'startedAt,desc', key: 5, id: ID })],
    ['startedAt is never empty', base64({ v: 1, list: 'things', sort: 'startedAt,desc', key: null, id: ID })],
    ['its id is not an id', base64({ v: 1, list: 'things', sort: 'startedAt,desc', key: AT, id: '1; DROP' })],
    ['not base64url', 'a'.repeat(5000)],
  ])('refuse a cursor that is %s', (reason, cursor) => {
    expect(thrown(() => decodeCursor(sort, cursor))).toMatchObject({
      code: 'INVALID_CURSOR',
      details: [{ path: 'cursor', message: reason }],
    });
  });

  it('accept an empty key where the sort key may be NULL, and only there', () => {
    const nullable = parseSort('note,asc', sorts);
    expect(decodeCursor(nullable, encodeCursor(nullable, { key: null, id: ID }))).toEqual({ key: null, id: ID });
    const coalesced = parseSort('startDate,asc', sorts);
    expect(thrown(() => decodeCursor(coalesced, encodeCursor(coalesced, { key: null, id: ID })))).toMatchObject({
      code: 'INVALID_CURSOR',
    });
  });

  describe('with a secret', () => {
    const secret = 'cursor-secret';

    it('carry a signature and read back with the same secret', () => {
      const cursor = encodeCursor(sort, { key: AT, id: ID }, { secret });
      expect(JSON.parse(Buffer.from(cursor, 'base64url').toString())).toHaveProperty('sig');
      expect(decodeCursor(sort, cursor, { secret })).toEqual({ key: AT, id: ID });
    });

    it('refuse an altered, an unsigned or a foreign-signed cursor', () => {
      const signed = JSON.parse(
        Buffer.from(encodeCursor(sort, { key: AT, id: ID }, { secret }), 'base64url').toString(),
      );
      const altered = base64({ ...signed, id: '6f0c1a2b-0000-4000-8000-00000000000b' });
      const unsigned = encodeCursor(sort, { key: AT, id: ID });
      const foreign = encodeCursor(sort, { key: AT, id: ID }, { secret: 'another' });
      for (const cursor of [altered, unsigned, foreign]) {
        expect(thrown(() => decodeCursor(sort, cursor, { secret }))).toMatchObject({
          code: 'INVALID_CURSOR',
          details: [{ message: 'altered' }],
        });
      }
    });
  });
});
