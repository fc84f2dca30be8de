import type { FieldRef, QueryNode, QueryValue } from './ast';
import { InvalidQueryError } from './errors';
import { type SearchField, type SearchFields } from './field-map';
import { compareCondition, matchCondition, type ResolvedField } from './field-conditions';
import { escapeLike, readUuid } from './field-values';
import { parseQuery } from './parser';
import { SqlParams, type SqlFragment } from './sql-fragment';

export interface CompileOptions {
  /** Placeholders start at `$<paramOffset + 1>`, after the parameters the caller already has. */
  paramOffset?: number;
}

/**
 * `q` as a parameterized SQL boolean expression over the list's fields: `TRUE` for an empty query. Throws
 * InvalidQueryError (code INVALID_QUERY) with the position of the first thing it cannot use.
 */
export function compileSearch(q: string | undefined, fields: SearchFields, options: CompileOptions = {}): SqlFragment {
  return compileQuery(parseQuery(q ?? ''), fields, options);
}

/**
 * A parsed query as SQL. Every condition is true or false, never NULL, so a negation (`x IS NOT TRUE`)
 * also lists the rows whose field is NULL: `-note:draft` includes the processes without a note.
 */
export function compileQuery(node: QueryNode | null, fields: SearchFields, options: CompileOptions = {}): SqlFragment {
  const params = new SqlParams(options.paramOffset ?? 0);
  const sql = node ? compileNode(node, fields, params) : 'TRUE';
  return { sql, params: params.values };
}

function compileNode(node: QueryNode, fields: SearchFields, params: SqlParams): string {
  switch (node.kind) {
    case 'and':
      return `(${node.terms.map((term) => compileNode(term, fields, params)).join(' AND ')})`;
    case 'or':
      return `(${node.alternatives.map((term) => compileNode(term, fields, params)).join(' OR ')})`;
    case 'not':
      return `(${compileNode(node.term, fields, params)} IS NOT TRUE)`;
    case 'text':
      return bareWordCondition(node.value, fields, params);
    case 'match': {
      const resolved = resolveField(node.field, fields);
      if (resolved.field.kind === 'json' && resolved.field.rows) {
        return jsonRowsCondition(resolved, params, (inner) => matchCondition(inner, node.values, params));
      }
      return wrap(resolved.field, matchCondition(resolved, node.values, params));
    }
    case 'compare': {
      const resolved = resolveField(node.field, fields);
      const compare = (inner: ResolvedField) =>
        compareCondition(inner, node.operator, node.value, node.field.end, params);
      if (resolved.field.kind === 'json' && resolved.field.rows) return jsonRowsCondition(resolved, params, compare);
      return wrap(resolved.field, compare(resolved));
    }
  }
}

/**
 * A json field stored as rows: every split of the path into head, key and rest, each the condition on the
 * row's value at the rest (on its indexed text when the rest is empty and the term compares text).
 */
function jsonRowsCondition(
  { field, path }: ResolvedField,
  params: SqlParams,
  condition: (inner: ResolvedField) => string,
): string {
  const rows = field.kind === 'json' ? field.rows : undefined;
  if (!rows) throw new TypeError(`search field ${field.name} is not stored as rows`);
  const alternatives = path.map((key, index) => {
    const inner = condition({ field: { ...field, sql: rows.value }, path: path.slice(index + 1) });
    return rows.within(inner, { head: params.add(path.slice(0, index), 'text[]'), key: params.add(key, 'text') });
  });
  return alternatives.length === 1 ? (alternatives[0] as string) : `(${alternatives.join(' OR ')})`;
}

function wrap(field: SearchField, condition: string): string {
  return field.within ? `(${field.within(condition)})` : condition;
}

/** A bare word or phrase: contained in (with `*`: the start of) any free-text field, or a whole UUID. */
function bareWordCondition(value: QueryValue, fields: SearchFields, params: SqlParams): string {
  if (fields.freeText.length === 0) {
    throw new InvalidQueryError('this list has no fields that bare words search: use field:value', value.start);
  }
  let pattern: string | undefined;
  const textPattern = (): string =>
    (pattern ??= params.add(value.prefix ? `${escapeLike(value.text)}%` : `%${escapeLike(value.text)}%`, 'text'));
  const uuid = value.prefix ? undefined : readUuid(value.text);
  let uuidParam: string | undefined;
  const conditions: string[] = [];
  for (const field of fields.freeText) {
    if (field.kind === 'uuid') {
      if (uuid) conditions.push(wrap(field, `(${field.sql} = ${(uuidParam ??= params.add(uuid, 'uuid'))})`));
    } else if (value.prefix) {
      conditions.push(wrap(field, `(lower(${field.sql}) LIKE lower(${textPattern()}))`));
    } else {
      conditions.push(wrap(field, `(${field.sql} ILIKE ${textPattern()})`));
    }
  }
  if (conditions.length === 0) return 'FALSE';
  return conditions.length === 1 ? (conditions[0] as string) : `(${conditions.join(' OR ')})`;
}

const PATH_SEGMENT = /^[A-Za-z0-9_-]+$/;

/** The field a name means; `data.port.speed` is the json field `data` with the path `port`, `speed`. */
function resolveField(ref: FieldRef, fields: SearchFields): ResolvedField {
  const dot = ref.name.indexOf('.');
  const head = dot < 0 ? ref.name : ref.name.slice(0, dot);
  const field = fields.lookup(head);
  if (!field && !/^[A-Za-z]\w*$/.test(head)) {
    throw new InvalidQueryError(`"${head}" is not a field name: put text that contains ":" in quotes`, ref.start);
  }
  if (!field) throw new InvalidQueryError(`unknown field "${head}" (${describeFields(fields)})`, ref.start);
  if (field.kind !== 'json') {
    if (dot >= 0) throw new InvalidQueryError(`"${field.name}" has no paths`, ref.start + dot);
    return { field, path: [] };
  }
  if (dot < 0) throw new InvalidQueryError(`name a path after "${field.name}.", as in ${field.name}.<path>`, ref.end);
  const path = ref.name.slice(dot + 1).split('.');
  let offset = ref.start + dot + 1;
  for (const segment of path) {
    if (!PATH_SEGMENT.test(segment)) {
      throw new InvalidQueryError(
        `"${segment}" is not a path segment (letters, digits, "_" and "-", separated by ".")`,
        offset,
      );
    }
    offset += segment.length + 1;
  }
  return { field, path };
}

function describeFields(fields: SearchFields): string {
  const names = fields.fields.map((field) => (field.kind === 'json' ? `${field.name}.<path>` : field.name));
  return `fields: ${names.join(', ')}`;
}
