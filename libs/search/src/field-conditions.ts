import type { QueryValue } from './ast';
import { InvalidQueryError } from './errors';
import type { SearchField } from './field-map';
import {
  escapeLike,
  readBoolean,
  readEnumValues,
  readNumber,
  readPeriod,
  readUuid,
  readUuidPrefix,
  type Period,
} from './field-values';
import type { SqlCast, SqlParams } from './sql-fragment';
import type { ComparisonOperator } from './tokenizer';

export interface ResolvedField {
  field: SearchField;
  /** For a json field, the path after its name; empty otherwise. */
  path: string[];
}

const DATE_FORMS = '2024, 2024-05, 2024-05-01, 2024-05-01T10:00, 2024-05-01T10:00:00.123+02:00';

/** `field:value` and `field:(a|b)`: true when one of the values matches (SQL over `field.sql`). */
export function matchCondition({ field, path }: ResolvedField, values: QueryValue[], params: SqlParams): string {
  const { sql } = field;
  switch (field.kind) {
    case 'text': {
      const match = field.match ?? 'equals';
      const equal = values.filter((value) => !value.prefix && match === 'equals');
      const others = values.filter((value) => value.prefix || match === 'contains');
      const placeholders = [...new Set(equal.map((value) => value.text))].map(
        (text) => `lower(${params.add(text, 'text')})`,
      );
      const equals =
        placeholders.length === 0
          ? []
          : [
              placeholders.length === 1
                ? `(lower(${sql}) = ${placeholders[0]})`
                : `(lower(${sql}) IN (${placeholders.join(', ')}))`,
            ];
      return any([...equals, ...others.map((value) => textCondition(sql, value, params))]);
    }
    case 'enum': {
      const matched = values.flatMap((value) => {
        const found = readEnumValues(field.values, value.text, value.prefix);
        if (found.length > 0) return found;
        const known = `(${field.values.join(', ')})`;
        const reason = value.prefix
          ? `no value of ${field.name} starts with "${value.text}" ${known}`
          : `"${value.text}" is not a value of ${field.name} ${known}`;
        throw new InvalidQueryError(reason, value.start);
      });
      return equalsAny(sql, [...new Set(matched)], 'text', params);
    }
    case 'boolean': {
      const flags = values.map((value) => {
        const flag = value.prefix ? undefined : readBoolean(value.text);
        if (flag === undefined)
          throw new InvalidQueryError(`${field.name} is true or false, not "${value.text}"`, value.start);
        return flag;
      });
      return equalsAny(sql, [...new Set(flags)], 'boolean', params);
    }
    case 'uuid': {
      const whole: string[] = [];
      const ranges: string[] = [];
      for (const value of values) {
        if (value.prefix) {
          const range = readUuidPrefix(value.text);
          if (!range) throw new InvalidQueryError(`"${value.text}" is not the start of a UUID`, value.start);
          ranges.push(`(${sql} BETWEEN ${params.add(range.low, 'uuid')} AND ${params.add(range.high, 'uuid')})`);
        } else {
          const uuid = readUuid(value.text);
          if (!uuid)
            throw new InvalidQueryError(
              `"${value.text}" is not a UUID (use ${field.name}:<start>* for the start of one)`,
              value.start,
            );
          whole.push(uuid);
        }
      }
      return any([...(whole.length ? [equalsAny(sql, [...new Set(whole)], 'uuid', params)] : []), ...ranges]);
    }
    case 'date':
      return any(
        values.map((value) => {
          const period = periodOf(field, value);
          return `(${sql} >= ${params.add(period.start, 'timestamptz')} AND ${sql} < ${params.add(period.end, 'timestamptz')})`;
        }),
      );
    case 'number':
      return equalsAny(sql, [...new Set(values.map((value) => numberOf(field, value)))], 'numeric', params);
    case 'json': {
      // A whole value stored as a row has its lower-case text in a column of its own (indexed).
      const text =
        path.length === 0 && field.rows ? field.rows.text : `lower((${sql} #>> ${params.add(path, 'text[]')}))`;
      return any(
        values.map((value) =>
          value.prefix
            ? `(${text} LIKE lower(${params.add(`${escapeLike(value.text)}%`, 'text')}))`
            : `(${text} = lower(${params.add(value.text, 'text')}))`,
        ),
      );
    }
  }
}

/** `field>value` and the like, on dates (the period the value names), numbers, and numbers in json. */
export function compareCondition(
  { field, path }: ResolvedField,
  operator: ComparisonOperator,
  value: QueryValue,
  operatorPosition: number,
  params: SqlParams,
): string {
  const { sql } = field;
  switch (field.kind) {
    case 'date': {
      const period = periodOf(field, value);
      // After the period, from its start, before its start, up to its end: `startedAt<=2024-05-01` includes that day.
      const bound: Record<ComparisonOperator, [string, string]> = {
        '>': ['>=', period.end],
        '>=': ['>=', period.start],
        '<': ['<', period.start],
        '<=': ['<', period.end],
      };
      const [sqlOperator, instant] = bound[operator];
      return `(${sql} ${sqlOperator} ${params.add(instant, 'timestamptz')})`;
    }
    case 'number':
      return `(${sql} ${operator} ${params.add(numberOf(field, value), 'numeric')})`;
    case 'json': {
      const number = numberOf(field, value);
      const pathParam = params.add(path, 'text[]');
      // CASE keeps the cast away from values that are not numbers (AND does not promise an order).
      return `(CASE WHEN jsonb_typeof(${sql} #> ${pathParam}) = 'number' THEN (${sql} #>> ${pathParam})::numeric ${operator} ${params.add(number, 'numeric')} ELSE FALSE END)`;
    }
    default:
      throw new InvalidQueryError(
        `${field.name} cannot be compared with "${operator}" (only dates and numbers can)`,
        operatorPosition,
      );
  }
}

/** A prefix (`value*`) or, on a field that matches by containing, a substring; case-insensitive. */
function textCondition(sql: string, value: QueryValue, params: SqlParams): string {
  if (value.prefix) return `(lower(${sql}) LIKE lower(${params.add(`${escapeLike(value.text)}%`, 'text')}))`;
  return `(${sql} ILIKE ${params.add(`%${escapeLike(value.text)}%`, 'text')})`;
}

function equalsAny(sql: string, values: readonly unknown[], cast: SqlCast, params: SqlParams): string {
  const placeholders = values.map((value) => params.add(value, cast));
  return placeholders.length === 1 ? `(${sql} = ${placeholders[0]})` : `(${sql} IN (${placeholders.join(', ')}))`;
}

function any(conditions: string[]): string {
  return conditions.length === 1 ? (conditions[0] as string) : `(${conditions.join(' OR ')})`;
}

function periodOf(field: SearchField, value: QueryValue): Period {
  if (value.prefix) {
    throw new InvalidQueryError(`a date takes no "*": ${field.name}:2024-05 is all of May 2024`, value.end - 1);
  }
  const period = readPeriod(value.text);
  if (!period) throw new InvalidQueryError(`"${value.text}" is not a date (${DATE_FORMS})`, value.start);
  return period;
}

function numberOf(field: SearchField, value: QueryValue): string {
  const number = value.prefix ? undefined : readNumber(value.text);
  if (number === undefined) {
    const hint = field.kind === 'json' ? ` (${field.name}.<path> compares numbers only)` : '';
    throw new InvalidQueryError(`"${value.text}${value.prefix ? '*' : ''}" is not a number${hint}`, value.start);
  }
  return number;
}
