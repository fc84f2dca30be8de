export { InvalidQueryError, invalidCursor, invalidSort } from './errors';
export { tokenize, type Token, type TokenKind, type ComparisonOperator } from './tokenizer';
export type { QueryNode, QueryValue, FieldRef } from './ast';
export { parseQuery, QUERY_LIMITS } from './parser';
export {
  defineSearchFields,
  normalizeFieldName,
  type SearchFieldSpec,
  type SearchFieldKind,
  type SearchField,
  type SearchFields,
  type JsonRowsLookup,
} from './field-map';
export { readPeriod, escapeLike, type Period } from './field-values';
export { compileSearch, compileQuery, type CompileOptions } from './compiler';
export { SqlParams, type SqlFragment, type SqlCast } from './sql-fragment';
export {
  defineSort,
  parseSort,
  type Sort,
  type SortSpec,
  type SortDefinition,
  type SortKeySpec,
  type SortKeyKind,
  type SortDirection,
} from './sort';
export { encodeCursor, decodeCursor, type CursorPosition, type CursorOptions } from './cursor';
export { planKeyset, nextCursor, CURSOR_COLUMNS, type KeysetPlan, type KeysetOptions } from './keyset';
