import { InvalidQueryError } from './errors';

export type ComparisonOperator = '>' | '>=' | '<' | '<=';

export type Token =
  | { kind: 'word'; text: string; start: number; end: number; spaceBefore: boolean }
  | { kind: 'phrase'; text: string; start: number; end: number; spaceBefore: boolean }
  | { kind: 'compare'; operator: ComparisonOperator; start: number; end: number; spaceBefore: boolean }
  | {
      kind: 'lparen' | 'rparen' | 'pipe' | 'colon' | 'minus' | 'star' | 'end';
      start: number;
      end: number;
      spaceBefore: boolean;
    };

export type TokenKind = Token['kind'];

/** Characters that end a word; everything else (letters, digits, `-`, `.`, `_`, `/`, `=`, ...) belongs to it. */
const DELIMITERS = new Set(['(', ')', '|', '"', ':', '<', '>', '*']);
const SINGLE: Record<string, 'lparen' | 'rparen' | 'pipe' | 'colon' | 'star'> = {
  '(': 'lparen',
  ')': 'rparen',
  '|': 'pipe',
  ':': 'colon',
  '*': 'star',
};

const isSpace = (ch: string): boolean => /\s/.test(ch);

/**
 * Splits `q` into tokens carrying their offsets. A `-` is a negation only where a term starts (at the
 * beginning, after a space, `(`, `|` or another `-`); inside a word (`pre-production`, `2024-05-01`) it is
 * part of the word. A phrase is `"..."` with `\"` and `\\` as escapes.
 */
export function tokenize(q: string): Token[] {
  const tokens: Token[] = [];
  let pos = 0;
  let spaceBefore = false;
  const push = (token: Token): void => {
    tokens.push(token);
    spaceBefore = false;
  };
  while (pos < q.length) {
    const ch = q[pos] as string;
    const start = pos;
    if (isSpace(ch)) {
      spaceBefore = true;
      pos += 1;
    } else if (ch === '"') {
      const { text, end } = readPhrase(q, pos);
      push({ kind: 'phrase', text, start, end, spaceBefore });
      pos = end;
    } else if (ch === '<' || ch === '>') {
      const operator = (q[pos + 1] === '=' ? `${ch}=` : ch) as ComparisonOperator;
      pos += operator.length;
      push({ kind: 'compare', operator, start, end: pos, spaceBefore });
    } else if (ch === '-' && startsTerm(tokens, spaceBefore)) {
      pos += 1;
      push({ kind: 'minus', start, end: pos, spaceBefore });
    } else if (SINGLE[ch]) {
      pos += 1;
      push({ kind: SINGLE[ch], start, end: pos, spaceBefore });
    } else {
      while (pos < q.length && !DELIMITERS.has(q[pos] as string) && !isSpace(q[pos] as string)) pos += 1;
      push({ kind: 'word', text: q.slice(start, pos), start, end: pos, spaceBefore });
    }
  }
  tokens.push({ kind: 'end', start: q.length, end: q.length, spaceBefore });
  return tokens;
}

function startsTerm(tokens: readonly Token[], spaceBefore: boolean): boolean {
  const previous = tokens[tokens.length - 1];
  return (
    previous === undefined ||
    spaceBefore ||
    previous.kind === 'lparen' ||
    previous.kind === 'pipe' ||
    previous.kind === 'minus'
  );
}

function readPhrase(q: string, open: number): { text: string; end: number } {
  let text = '';
  let pos = open + 1;
  while (pos < q.length) {
    const ch = q[pos] as string;
    if (ch === '"') return { text, end: pos + 1 };
    if (ch === '\\' && (q[pos + 1] === '"' || q[pos + 1] === '\\')) {
      text += q[pos + 1];
      pos += 2;
    } else {
      text += ch;
      pos += 1;
    }
  }
  throw new InvalidQueryError('missing closing quote for the phrase that starts', open);
}
