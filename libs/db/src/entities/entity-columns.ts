import type { EntitySchemaColumnOptions } from 'typeorm';

/**
 * The PostgreSQL types node-postgres reads as the TypeScript type `T` (bigint comes back as a string, jsonb as
 * whatever JSON it holds).
 */
type PostgresTypeOf<T> = T extends Buffer
  ? 'bytea'
  : T extends Date
    ? 'timestamptz'
    : T extends boolean
      ? 'boolean'
      : T extends number
        ? 'integer'
        : T extends string
          ? 'uuid' | 'text' | 'bigint' | 'inet'
          : 'jsonb';

type ColumnOf<T> = Omit<EntitySchemaColumnOptions, 'type' | 'nullable'> & {
  type: PostgresTypeOf<NonNullable<T>>;
} & (null extends T ? { nullable: true } : { nullable?: false });

/**
 * The column options of every property of a row type, each checked against the property's type: a nullable
 * column is one whose type admits null, and its SQL type reads as its TypeScript type. So the row interface
 * and the entity cannot disagree, and the drift test (schema-drift.int.test.ts) keeps the entity equal to
 * the migrations.
 */
export type ColumnsOf<Row> = { [K in keyof Row]-?: ColumnOf<Row[K]> };

/** `column IN ('a', 'b')`, the expression of a CHECK that keeps a text column within a list of values. */
export function oneOf(column: string, values: readonly string[]): string {
  return `${column} IN (${values.map((value) => `'${value.replaceAll("'", "''")}'`).join(', ')})`;
}
