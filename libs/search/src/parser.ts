import type { FieldRef, QueryNode, QueryValue } from './ast';
import { InvalidQueryError } from './errors';
import { tokenize, type Token, type TokenKind } from './tokenizer';

export const QUERY_LIMITS = { maxLength: 2000, maxTerms: 64, maxDepth: 8 } as const;

/**
 * Parses `q` into a tree, or null when it holds no term (empty or only spaces). Grammar (README.md):
 *
 *   query  := or END
 *   or     := and ('|' and)*
 *   and    := unary unary*
 *   unary  := '-' unary | '(' or ')' | term
 *   term   := NAME (':' | CMP | ':' CMP) value-or-group | value
 *   value  := (WORD | PHRASE) ['*']        a value after a field may contain ':' (10:00, 2a10:e300::1)
 *
 * Throws InvalidQueryError with the offset of the first thing it cannot read.
 */
export function parseQuery(q: string): QueryNode | null {
  if (q.length > QUERY_LIMITS.maxLength) {
    throw new InvalidQueryError(`query is longer than ${QUERY_LIMITS.maxLength} characters`, QUERY_LIMITS.maxLength);
  }
  const parser = new Parser(tokenize(q));
  return parser.parse();
}

const describe = (token: Token): string => {
  switch (token.kind) {
    case 'end':
      return 'end of query';
    case 'word':
      return `"${token.text}"`;
    case 'phrase':
      return 'phrase';
    case 'compare':
      return `"${token.operator}"`;
    default:
      return `"${SYMBOLS[token.kind]}"`;
  }
};
const SYMBOLS: Record<Exclude<TokenKind, 'end' | 'word' | 'phrase' | 'compare'>, string> = {
  lparen: '(',
  rparen: ')',
  pipe: '|',
  colon: ':',
  minus: '-',
  star: '*',
};

class Parser {
  private index = 0;
  private depth = 0;
  private terms = 0;

  constructor(private readonly tokens: Token[]) {}

  parse(): QueryNode | null {
    if (this.peek().kind === 'end') return null;
    const query = this.parseOr();
    const next = this.peek();
    if (next.kind !== 'end') throw this.unexpected(next);
    return query;
  }

  private peek(): Token {
    return this.tokens[this.index] as Token;
  }

  private next(): Token {
    const token = this.peek();
    if (token.kind !== 'end') this.index += 1;
    return token;
  }

  private unexpected(token: Token): InvalidQueryError {
    if (token.kind === 'end') return new InvalidQueryError('unexpected end of query', token.start);
    if (token.kind === 'star') return wildcardError(token.start);
    if (token.kind === 'colon') {
      return new InvalidQueryError(
        'unexpected ":" (write field:value without spaces, quote text with ":")',
        token.start,
      );
    }
    return new InvalidQueryError(`unexpected ${describe(token)}`, token.start);
  }

  private parseOr(): QueryNode {
    const first = this.parseAnd();
    const alternatives = [first];
    while (this.peek().kind === 'pipe') {
      this.next();
      if (!startsUnary(this.peek())) throw new InvalidQueryError(`expected a term after "|"`, this.peek().start);
      alternatives.push(this.parseAnd());
    }
    if (alternatives.length === 1) return first;
    return { kind: 'or', alternatives, start: first.start, end: (alternatives.at(-1) as QueryNode).end };
  }

  private parseAnd(): QueryNode {
    const token = this.peek();
    if (token.kind === 'pipe') throw new InvalidQueryError(`expected a term before "|"`, token.start);
    const first = this.parseUnary();
    const terms = [first];
    while (startsUnary(this.peek())) terms.push(this.parseUnary());
    if (terms.length === 1) return first;
    return { kind: 'and', terms, start: first.start, end: (terms.at(-1) as QueryNode).end };
  }

  private parseUnary(): QueryNode {
    const token = this.peek();
    if (token.kind === 'minus') {
      this.next();
      if (!startsUnary(this.peek()) || this.peek().spaceBefore) {
        throw new InvalidQueryError('expected a term right after "-"', token.end);
      }
      const term = this.parseUnary();
      return { kind: 'not', term, start: token.start, end: term.end };
    }
    if (token.kind === 'lparen') return this.parseGroup();
    if (token.kind === 'word' || token.kind === 'phrase') return this.parseTerm();
    throw this.unexpected(token);
  }

  private parseGroup(): QueryNode {
    const open = this.next();
    if (this.peek().kind === 'rparen') throw new InvalidQueryError('empty group', open.start);
    if (this.peek().kind === 'end') throw new InvalidQueryError('missing ")" for the "(" opened', open.start);
    this.depth += 1;
    if (this.depth > QUERY_LIMITS.maxDepth) {
      throw new InvalidQueryError(`groups are nested more than ${QUERY_LIMITS.maxDepth} deep`, open.start);
    }
    const inner = this.parseOr();
    this.depth -= 1;
    const close = this.peek();
    if (close.kind === 'end') throw new InvalidQueryError('missing ")" for the "(" opened', open.start);
    if (close.kind !== 'rparen') throw this.unexpected(close);
    this.next();
    return { ...inner, start: open.start, end: close.end };
  }

  private countTerm(position: number): void {
    this.terms += 1;
    if (this.terms > QUERY_LIMITS.maxTerms) {
      throw new InvalidQueryError(`query has more than ${QUERY_LIMITS.maxTerms} terms`, position);
    }
  }

  private parseTerm(): QueryNode {
    const token = this.peek();
    const after = this.tokens[this.index + 1] as Token;
    const followedByOperator = !after.spaceBefore && (after.kind === 'colon' || after.kind === 'compare');
    this.countTerm(token.start);
    if (token.kind === 'phrase' && followedByOperator) {
      throw new InvalidQueryError(`unexpected ${describe(after)} (a field name is not quoted)`, after.start);
    }
    if (token.kind !== 'word' || !followedByOperator) {
      const value = this.parseValue(false);
      return { kind: 'text', value, start: value.start, end: value.end };
    }
    this.next();
    const field: FieldRef = { name: token.text, start: token.start, end: token.end };
    let operatorToken = this.next();
    if (operatorToken.kind === 'colon' && this.peek().kind === 'compare' && !this.peek().spaceBefore) {
      operatorToken = this.next();
    }
    if (operatorToken.kind === 'compare') {
      const value = this.expectValue(field, operatorToken.operator, operatorToken.end);
      if (value.prefix) throw wildcardError(value.end - 1, `a wildcard cannot follow "${operatorToken.operator}"`);
      const { operator } = operatorToken;
      return { kind: 'compare', field, operator, value, start: field.start, end: value.end };
    }
    if (this.peek().kind === 'lparen') return this.parseValueGroup(field);
    const value = this.expectValue(field, ':', operatorToken.end);
    return { kind: 'match', field, values: [value], start: field.start, end: value.end };
  }

  private expectValue(field: FieldRef, operator: string, position: number): QueryValue {
    const token = this.peek();
    if (token.kind !== 'word' && token.kind !== 'phrase') {
      if (token.kind === 'star') throw wildcardError(token.start);
      throw new InvalidQueryError(`expected a value after "${field.name}${operator}"`, position);
    }
    return this.parseValue(true);
  }

  private parseValueGroup(field: FieldRef): QueryNode {
    const open = this.next();
    const values: QueryValue[] = [];
    for (;;) {
      const token = this.peek();
      if (token.kind === 'rparen' && values.length === 0) throw new InvalidQueryError('empty group', open.start);
      if (token.kind === 'end') throw new InvalidQueryError('missing ")" for the "(" opened', open.start);
      if (token.kind === 'rparen' || token.kind === 'pipe') {
        throw new InvalidQueryError(`expected a value before ${describe(token)}`, token.start);
      }
      if (token.kind !== 'word' && token.kind !== 'phrase') throw this.unexpected(token);
      values.push(this.parseValue(true));
      const separator = this.peek();
      if (separator.kind === 'rparen') {
        this.next();
        return { kind: 'match', field, values, start: field.start, end: separator.end };
      }
      if (separator.kind === 'end') throw new InvalidQueryError('missing ")" for the "(" opened', open.start);
      if (separator.kind !== 'pipe') {
        throw new InvalidQueryError(`expected "|" or ")" between values, not ${describe(separator)}`, separator.start);
      }
      this.next();
    }
  }

  /**
   * A word or phrase and its `*`. After a field, the adjacent words and colons join into one value, so
   * that `startedAt>2024-05-01T10:00` and `address:2a10:e300::1` read as one would expect.
   */
  private parseValue(afterField: boolean): QueryValue {
    const first = this.next();
    if (first.kind !== 'word' && first.kind !== 'phrase') throw this.unexpected(first);
    let text = first.text;
    let end = first.end;
    if (afterField && first.kind === 'word') {
      for (let token = this.peek(); !token.spaceBefore; token = this.peek()) {
        if (token.kind === 'colon') text += ':';
        else if (token.kind === 'word') text += token.text;
        else break;
        end = token.end;
        this.next();
      }
    }
    if (first.kind === 'phrase' && text.trim() === '') throw new InvalidQueryError('empty phrase', first.start);
    let prefix = false;
    const star = this.peek();
    if (star.kind === 'star' && !star.spaceBefore) {
      prefix = true;
      end = star.end;
      this.next();
      const following = this.peek();
      if (!following.spaceBefore && (following.kind === 'word' || following.kind === 'phrase')) {
        throw wildcardError(star.start);
      }
    }
    return { text, prefix, quoted: first.kind === 'phrase', start: first.start, end };
  }
}

function startsUnary(token: Token): boolean {
  return token.kind === 'word' || token.kind === 'phrase' || token.kind === 'lparen' || token.kind === 'minus';
}

function wildcardError(
  position: number,
  reason = 'a wildcard "*" can only end a word, as in prefix*',
): InvalidQueryError {
  return new InvalidQueryError(reason, position);
}
