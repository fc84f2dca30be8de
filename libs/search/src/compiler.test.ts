import { compileSearch } from './compiler';
import { InvalidQueryError } from './errors';
import { defineSearchFields } from './field-map';

const fields = defineSearchFields({
  id: { kind: 'uuid', sql: 't.id', freeText: true },
  name: { kind: 'text', sql: 't.name', freeText: true, aliases: ['title'] },
  note: { kind: 'text', sql: 't.note', match: 'contains', freeText: true },
  status: { kind: 'enum', sql: 't.status', values: ['active', 'failed', 'phase out'], freeText: true },
  isTask: { kind: 'boolean', sql: 't.is_task' },
  startedAt: { kind: 'date', sql: 't.started_at' },
  size: { kind: 'number', sql: 't.size' },
  data: { kind: 'json', sql: 't.data' },
  ownerId: {
    kind: 'uuid',
    sql: 'o.owner_id',
    within: (condition) => `EXISTS (SELECT 1 FROM owners o WHERE o.t_id = t.id AND ${condition})`,
  },
});

const UUID = '6f0c1a2b-0000-4000-8000-00000000000a';
const BARE = (param: string): string =>
  `((t.name ILIKE ${param}) OR (t.note ILIKE ${param}) OR (t.status ILIKE ${param}))`;

function errorOf(q: string): { reason: string; position: number } {
  try {
    compileSearch(q, fields);
  } catch (error) {
    if (error instanceof InvalidQueryError) return { reason: error.reason, position: error.position };
    throw error;
  }
  throw new Error(`"${q}" compiled without an error`);
}

describe('compileSearch', () => {
  it('is TRUE without parameters for an absent or empty query', () => {
    expect(compileSearch(undefined, fields)).toEqual({ sql: 'TRUE', params: [] });
    expect(compileSearch('  ', fields, { paramOffset: 4 })).toEqual({ sql: 'TRUE', params: [] });
  });

  it('numbers placeholders on from the offset it is given', () => {
    expect(compileSearch('status:failed isTask:true', fields, { paramOffset: 3 })).toEqual({
      sql: '((t.status = $4::text) AND (t.is_task = $5::boolean))',
      params: ['failed', true],
    });
  });

  it('searches a bare word as a case-insensitive substring of every free-text field, with one parameter', () => {
    expect(compileSearch('core', fields)).toEqual({ sql: BARE('$1::text'), params: ['%core%'] });
  });

  it('searches a bare prefix* as the start of every free-text field', () => {
    const { sql, params } = compileSearch('cor*', fields);
    expect(sql).toBe(
      '((lower(t.name) LIKE lower($1::text)) OR (lower(t.note) LIKE lower($1::text)) OR (lower(t.status) LIKE lower($1::text)))',
    );
    expect(params).toEqual(['cor%']);
  });

  it('also matches a bare whole UUID against the free-text uuid fields', () => {
    const { sql, params } = compileSearch(UUID.toUpperCase(), fields);
    expect(sql).toBe(`((t.id = $1::uuid) OR ${BARE('$2::text').slice(1, -1)})`);
    expect(params).toEqual([UUID, `%${UUID.toUpperCase()}%`]);
  });

  it('escapes LIKE wildcards in values and never inlines a value', () => {
    const { sql, params } = compileSearch(`"50%_off" name:"x' OR 1=1--"`, fields);
    expect(sql).not.toContain('50');
    expect(sql).not.toContain('1=1');
    expect(params).toEqual(['%50\\%\\_off%', "x' OR 1=1--"]);
  });

  it('ANDs terms, ORs alternatives, and negates as IS NOT TRUE so that NULL fields count as not matching', () => {
    expect(compileSearch('a | b -status:failed', fields).sql).toBe(
      `(${BARE('$1::text')} OR (${BARE('$2::text')} AND ((t.status = $3::text) IS NOT TRUE)))`,
    );
  });

  describe('text fields', () => {
    it('match equal without case by default, with a value group as one IN list', () => {
      expect(compileSearch('name:Core', fields)).toEqual({
        sql: '(lower(t.name) = lower($1::text))',
        params: ['Core'],
      });
      expect(compileSearch('title:(a|"b c"|a)', fields)).toEqual({
        sql: '(lower(t.name) IN (lower($1::text), lower($2::text)))',
        params: ['a', 'b c'],
      });
    });

    it('match as a substring where the field says contains', () => {
      expect(compileSearch('note:"re boot"', fields)).toEqual({
        sql: '(t.note ILIKE $1::text)',
        params: ['%re boot%'],
      });
    });

    it('match prefix* as the start of the value, alongside equal values', () => {
      expect(compileSearch('name:(core|edge_*)', fields)).toEqual({
        sql: '((lower(t.name) = lower($1::text)) OR (lower(t.name) LIKE lower($2::text)))',
        params: ['core', 'edge\\_%'],
      });
    });
  });

  describe('enum fields', () => {
    it('match the declared value whatever the case, as an index-friendly equality', () => {
      expect(compileSearch('status:FAILED', fields)).toEqual({ sql: '(t.status = $1::text)', params: ['failed'] });
      expect(compileSearch('status:"Phase Out"', fields).params).toEqual(['phase out']);
    });

    it('expand prefix* and groups to the values they name', () => {
      expect(compileSearch('status:(a*|failed|act*)', fields)).toEqual({
        sql: '(t.status IN ($1::text, $2::text))',
        params: ['active', 'failed'],
      });
    });

    it('refuse a value that does not exist, listing those that do', () => {
      expect(errorOf('x status:runing')).toEqual({
        reason: '"runing" is not a value of status (active, failed, phase out)',
        position: 9,
      });
      expect(errorOf('status:(failed|z*)')).toEqual({
        reason: 'no value of status starts with "z" (active, failed, phase out)',
        position: 15,
      });
    });
  });

  describe('boolean, uuid and number fields', () => {
    it('match booleans with true or false only', () => {
      expect(compileSearch('isTask:False', fields)).toEqual({ sql: '(t.is_task = $1::boolean)', params: [false] });
      expect(errorOf('isTask:yes')).toEqual({ reason: 'isTask is true or false, not "yes"', position: 7 });
      expect(errorOf('isTask:t*')).toEqual({ reason: 'isTask is true or false, not "t"', position: 7 });
    });

    it('match a UUID by equality and the start of one by an index range', () => {
      expect(compileSearch(`id:${UUID}`, fields)).toEqual({ sql: '(t.id = $1::uuid)', params: [UUID] });
      expect(compileSearch(`id:(${UUID}|6f0c*)`, fields)).toEqual({
        sql: '((t.id = $3::uuid) OR (t.id BETWEEN $1::uuid AND $2::uuid))',
        params: ['6f0c0000-0000-0000-0000-000000000000', '6f0cffff-ffff-ffff-ffff-ffffffffffff', UUID],
      });
      expect(errorOf('id:6f0c')).toEqual({
        reason: '"6f0c" is not a UUID (use id:<start>* for the start of one)',
        position: 3,
      });
      expect(errorOf('id:xyz*')).toEqual({ reason: '"xyz" is not the start of a UUID', position: 3 });
    });

    it('match and compare numbers', () => {
      expect(compileSearch('size:(1|2.5) size>=10', fields)).toEqual({
        sql: '((t.size IN ($1::numeric, $2::numeric)) AND (t.size >= $3::numeric))',
        params: ['1', '2.5', '10'],
      });
      expect(errorOf('size<ten')).toEqual({ reason: '"ten" is not a number', position: 5 });
    });
  });

  describe('date fields', () => {
    it('match the span a date names as a half-open range', () => {
      expect(compileSearch('startedAt:2024-05', fields)).toEqual({
        sql: '(t.started_at >= $1::timestamptz AND t.started_at < $2::timestamptz)',
        params: ['2024-05-01T00:00:00.000000Z', '2024-06-01T00:00:00.000000Z'],
      });
    });

    it.each([
      ['>', '>=', '2024-05-02T00:00:00.000000Z'],
      ['>=', '>=', '2024-05-01T00:00:00.000000Z'],
      ['<', '<', '2024-05-01T00:00:00.000000Z'],
      ['<=', '<', '2024-05-02T00:00:00.000000Z'],
    ])('read startedAt%s2024-05-01 against the whole day', (operator, sqlOperator, bound) => {
      expect(compileSearch(`startedAt${operator}2024-05-01`, fields)).toEqual({
        sql: `(t.started_at ${sqlOperator} $1::timestamptz)`,
        params: [bound],
      });
    });

    it('refuse text that is not a date, and a wildcard', () => {
      expect(errorOf('startedAt>2024-02-30')).toEqual({
        reason:
          '"2024-02-30" is not a date (2024, 2024-05, 2024-05-01, 2024-05-01T10:00, 2024-05-01T10:00:00.123+02:00)',
        position: 10,
      });
      expect(errorOf('startedAt:2024*')).toEqual({
        reason: 'a date takes no "*": startedAt:2024-05 is all of May 2024',
        position: 14,
      });
    });
  });

  describe('json fields', () => {
    it('match a path as text without case, the path in a parameter', () => {
      expect(compileSearch('data.port.speed:10g', fields)).toEqual({
        sql: '(lower((t.data #>> $1::text[])) = lower($2::text))',
        params: [['port', 'speed'], '10g'],
      });
    });

    it('compare numbers at a path only where the JSON value is a number', () => {
      expect(compileSearch('data.vlan>100', fields)).toEqual({
        sql: "(CASE WHEN jsonb_typeof(t.data #> $1::text[]) = 'number' THEN (t.data #>> $1::text[])::numeric > $2::numeric ELSE FALSE END)",
        params: [['vlan'], '100'],
      });
    });

    it('refuse a json field without a path, a bad segment and a comparison with a non-number', () => {
      expect(errorOf('a data:x')).toEqual({ reason: 'name a path after "data.", as in data.<path>', position: 6 });
      expect(errorOf('data.a..b:x')).toEqual({
        reason: '"" is not a path segment (letters, digits, "_" and "-", separated by ".")',
        position: 7,
      });
      expect(errorOf('data.vlan>high')).toEqual({
        reason: '"high" is not a number (data.<path> compares numbers only)',
        position: 10,
      });
    });
  });

  describe('fields that live in another table', () => {
    it('put the whole condition in the subquery, and negate the subquery', () => {
      expect(compileSearch(`-ownerId:(${UUID}|6f0c1a2b-0000-4000-8000-00000000000b)`, fields)).toEqual({
        sql: '((EXISTS (SELECT 1 FROM owners o WHERE o.t_id = t.id AND (o.owner_id IN ($1::uuid, $2::uuid)))) IS NOT TRUE)',
        params: [UUID, '6f0c1a2b-0000-4000-8000-00000000000b'],
      });
    });
  });

  describe('field names', () => {
    it('compare without case and underscores, and answer to aliases', () => {
      const expected = compileSearch('isTask:true', fields);
      expect(compileSearch('is_task:true', fields)).toEqual(expected);
      expect(compileSearch('ISTASK:true', fields)).toEqual(expected);
      expect(compileSearch('TITLE:x', fields)).toEqual(compileSearch('name:x', fields));
    });

    it('refuse an unknown field, listing the known ones', () => {
      expect(errorOf('a -colour:red')).toEqual({
        reason:
          'unknown field "colour" (fields: id, name, note, status, isTask, startedAt, size, data.<path>, ownerId)',
        position: 3,
      });
    });

    it('explain text with a colon that is not a field name', () => {
      expect(errorOf('10:00')).toEqual({
        reason: '"10" is not a field name: put text that contains ":" in quotes',
        position: 0,
      });
      expect(compileSearch('"10:00"', fields).params).toEqual(['%10:00%']);
    });

    it('refuse a path on a field that has none', () => {
      expect(errorOf('status.x:a')).toEqual({ reason: '"status" has no paths', position: 6 });
    });

    it('refuse comparisons on fields that are neither dates nor numbers, at the operator', () => {
      expect(errorOf('x name>=b')).toEqual({
        reason: 'name cannot be compared with ">=" (only dates and numbers can)',
        position: 6,
      });
    });
  });

  it('refuses bare words on a list without free-text fields', () => {
    const noText = defineSearchFields({ at: { kind: 'date', sql: 'a.at' } });
    expect(() => compileSearch('at>2024 x', noText)).toThrow(
      'this list has no fields that bare words search: use field:value at 8',
    );
  });
});

describe('defineSearchFields', () => {
  it('refuses a name given twice, also as an alias or in another spelling', () => {
    expect(() =>
      defineSearchFields({
        name: { kind: 'text', sql: 'a' },
        other: { kind: 'text', sql: 'b', aliases: ['NAME'] },
      }),
    ).toThrow('search field "NAME" is defined twice');
  });

  it('refuses bare-word search on kinds that have no text', () => {
    expect(() => defineSearchFields({ at: { kind: 'date', sql: 'a', freeText: true } })).toThrow(
      'search field "at": only text, enum and uuid fields take bare words',
    );
  });
});
