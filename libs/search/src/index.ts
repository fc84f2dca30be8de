export { InvalidQueryError, invalidCursor, invalidSort } from './errors';
export { tokenize, type Token, type TokenKind, type ComparisonOperator } from './tokenizer';
export type { QueryNode, QueryValue, FieldRef } from './ast';
export { parseQuery, QUERY_LIMITS } from './parser';
