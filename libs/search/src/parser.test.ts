import type { QueryNode } from './ast';
import { InvalidQueryError } from './errors';
import { parseQuery, QUERY_LIMITS } from './parser';

/** The tree without offsets, written compactly, so that a test shows the shape of what was read. */
function shape(node: QueryNode | null): unknown {
  if (node === null) return null;
  const value = (v: { text: string; prefix: boolean; quoted: boolean }): string =>
    `${v.quoted ? `"${v.text}"` : v.text}${v.prefix ? '*' : ''}`;
  switch (node.kind) {
    case 'and':
      return { and: node.terms.map(shape) };
    case 'or':
      return { or: node.alternatives.map(shape) };
    case 'not':
      return { not: shape(node.term) };
    case 'text':
      return value(node.value);
    case 'match':
      return `${node.field.name}:${node.values.map(value).join('|')}`;
    case 'compare':
      return `${node.field.name}${node.operator}${value(node.value)}`;
  }
}

function errorOf(q: string): { reason: string; position: number; message: string } {
  try {
    parseQuery(q);
  } catch (error) {
    if (error instanceof InvalidQueryError) return error;
    throw error;
  }
  throw new Error(`"${q}" parsed without an error`);
}

describe('parseQuery', () => {
  it('reads nothing from an empty or blank query', () => {
    expect(parseQuery('')).toBeNull();
    expect(parseQuery('  \t ')).toBeNull();
  });

  it('ANDs bare words and phrases', () => {
    expect(shape(parseQuery('node  "core router" ams'))).toEqual({ and: ['node', '"core router"', 'ams'] });
  });

  it('reads field:value, field:(a|b) with phrases and prefixes, and field:"a phrase"', () => {
    expect(shape(parseQuery('status:failed'))).toBe('status:failed');
    expect(shape(parseQuery('status:(failed | wait* |"api_unavailable")'))).toBe(
      'status:failed|wait*|"api_unavailable"',
    );
    expect(shape(parseQuery('note:"a phrase"'))).toBe('note:"a phrase"');
  });

  it('reads prefix* on words and on phrases', () => {
    expect(shape(parseQuery('prov* workflowName:create_* "core rou"*'))).toEqual({
      and: ['prov*', 'workflowName:create_*', '"core rou"*'],
    });
  });

  it('negates terms, fields and groups with a leading minus', () => {
    expect(shape(parseQuery('-draft -status:failed -(a | b) --x'))).toEqual({
      and: [{ not: 'draft' }, { not: 'status:failed' }, { not: { or: ['a', 'b'] } }, { not: { not: 'x' } }],
    });
  });

  it('keeps a minus inside a word and in a field value as text', () => {
    expect(shape(parseQuery('pre-production status:-x'))).toEqual({ and: ['pre-production', 'status:-x'] });
  });

  it('reads comparisons written field>value and field:>value', () => {
    expect(shape(parseQuery('startedAt>2024-05-01 startedAt:<=2024-06 n>=3 n:<"4"'))).toEqual({
      and: ['startedAt>2024-05-01', 'startedAt<=2024-06', 'n>=3', 'n<"4"'],
    });
  });

  it('joins the colons of a value after a field, so times and IPv6 addresses read whole', () => {
    expect(shape(parseQuery('startedAt>=2024-05-01T10:00:00Z address:2a10:e300::1'))).toEqual({
      and: ['startedAt>=2024-05-01T10:00:00Z', 'address:2a10:e300::1'],
    });
  });

  it('lets whitespace follow the operator', () => {
    expect(shape(parseQuery('status: failed startedAt> 2024'))).toEqual({ and: ['status:failed', 'startedAt>2024'] });
  });

  it('binds juxtaposition (AND) tighter than "|" (OR), as orchestrator-core does, and honours groups', () => {
    expect(shape(parseQuery('a b | c'))).toEqual({ or: [{ and: ['a', 'b'] }, 'c'] });
    expect(shape(parseQuery('a (b | c)'))).toEqual({ and: ['a', { or: ['b', 'c'] }] });
  });

  it('records where every node was written', () => {
    const node = parseQuery('x -status:(a|b)');
    expect(node).toMatchObject({
      kind: 'and',
      start: 0,
      end: 15,
      terms: [
        { kind: 'text', start: 0, end: 1 },
        {
          kind: 'not',
          start: 2,
          end: 15,
          term: {
            kind: 'match',
            field: { name: 'status', start: 3, end: 9 },
            values: [
              { text: 'a', start: 11, end: 12 },
              { text: 'b', start: 13, end: 14 },
            ],
          },
        },
      ],
    });
  });

  describe('refuses what it cannot read, naming the offset', () => {
    it.each([
      ['a)', 'unexpected ")"', 1],
      ['a (b))', 'unexpected ")"', 5],
      ['*x', 'a wildcard "*" can only end a word, as in prefix*', 0],
      ['fo*o', 'a wildcard "*" can only end a word, as in prefix*', 2],
      ['status:*', 'a wildcard "*" can only end a word, as in prefix*', 7],
      ['startedAt>2024*', 'a wildcard cannot follow ">"', 14],
      ['a :b', 'unexpected ":" (write field:value without spaces, quote text with ":")', 2],
      ['"a":b', 'unexpected ":" (a field name is not quoted)', 3],
      ['a |', 'expected a term after "|"', 3],
      ['a||b', 'expected a term after "|"', 2],
      ['|a', 'expected a term before "|"', 0],
      ['(|a)', 'expected a term before "|"', 1],
      ['a -', 'expected a term right after "-"', 3],
      ['- a', 'expected a term right after "-"', 1],
      ['()', 'empty group', 0],
      ['a ( )', 'empty group', 2],
      ['status:()', 'empty group', 7],
      ['(a', 'missing ")" for the "(" opened', 0],
      ['a -(b', 'missing ")" for the "(" opened', 3],
      ['(', 'missing ")" for the "(" opened', 0],
      ['status:(a', 'missing ")" for the "(" opened', 7],
      ['status:(a|', 'missing ")" for the "(" opened', 7],
      ['status:', 'expected a value after "status:"', 7],
      ['status: ', 'expected a value after "status:"', 7],
      ['startedAt>', 'expected a value after "startedAt>"', 10],
      ['status:|a', 'expected a value after "status:"', 7],
      ['status:(|a)', 'expected a value before "|"', 8],
      ['status:(a|)', 'expected a value before ")"', 10],
      ['status:(a b)', 'expected "|" or ")" between values, not "b"', 10],
      ['status:(a -b)', 'expected "|" or ")" between values, not "-"', 10],
      ['status:((a))', 'unexpected "("', 8],
      ['""', 'empty phrase', 0],
      ['note:"  "', 'empty phrase', 5],
      ['note:"open', 'missing closing quote for the phrase that starts', 5],
    ])('%j: %s at %d', (q, reason, position) => {
      const error = errorOf(q);
      expect({ reason: error.reason, position: error.position }).toEqual({ reason, position });
      expect(error.message).toBe(`${reason} at ${position}`);
    });

    it('refuses groups nested deeper than the limit at the first one too deep', () => {
      const depth = QUERY_LIMITS.maxDepth + 1;
      const q = `${'('.repeat(depth)}a${')'.repeat(depth)}`;
      expect(errorOf(q)).toMatchObject({
        reason: `groups are nested more than ${QUERY_LIMITS.maxDepth} deep`,
        position: depth - 1,
      });
      expect(parseQuery(q.slice(1, -1))).not.toBeNull();
    });

    it('refuses more terms than the limit at the first term too many', () => {
      const words = Array.from({ length: QUERY_LIMITS.maxTerms + 1 }, (_, i) => `w${i}`);
      const q = words.join(' ');
      expect(errorOf(q)).toMatchObject({
        reason: `query has more than ${QUERY_LIMITS.maxTerms} terms`,
        position: q.lastIndexOf(' ') + 1,
      });
      expect(parseQuery(words.slice(1).join(' '))).not.toBeNull();
    });

    it('refuses a query longer than the limit', () => {
      expect(errorOf('a'.repeat(QUERY_LIMITS.maxLength + 1))).toMatchObject({
        reason: `query is longer than ${QUERY_LIMITS.maxLength} characters`,
        position: QUERY_LIMITS.maxLength,
      });
    });

    it('carries the code INVALID_QUERY and the position in its details for the API', () => {
      const error = errorOf('a)');
      expect(error).toMatchObject({
        code: 'INVALID_QUERY',
        details: [{ path: 'q', message: 'unexpected ")" at 1', position: 1 }],
      });
    });
  });
});
