import { createTestDatabase, type TestDatabase } from '@orchestrator/testing';
import type { DataSource, EntityMetadata, QueryRunner } from 'typeorm';
import { createDataSource } from './data-source';
import { quoteIdentifier } from './ensure-database';

// The migrations are the truth; the entities must describe exactly what they build. TypeORM's schema builder
// compares columns, defaults, keys, foreign keys and the names of indexes and checks. It does not compare an
// index's column order or predicate, nor the indexes it does not synchronize (those with DESC, which TypeORM
// cannot say), nor a check's expression: for those, PostgreSQL builds the entity's version on a temporary copy
// of the table and describes both in its own words.

type Index = EntityMetadata['indices'][number];

const DESCRIBE_INDEX = `
  SELECT x.indisunique AS "unique", pg_get_expr(x.indpred, x.indrelid) AS "where",
         array(SELECT a.attname::text FROM unnest(x.indkey) WITH ORDINALITY AS k(attnum, n)
                 JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k.attnum ORDER BY k.n) AS columns,
         array(SELECT o & 1 = 1 FROM unnest(x.indoption::int2[]) WITH ORDINALITY AS k(o, n) ORDER BY k.n) AS descending
    FROM pg_index x WHERE x.indexrelid = to_regclass($1)`;

const DESCRIBE_CHECK = `
  SELECT pg_get_constraintdef(oid) AS definition FROM pg_constraint
   WHERE conrelid = to_regclass($1) AND conname = $2 AND contype = 'c'`;

const PROBE = 'pg_temp.drift_probe';

/** The index's columns; TypeORM leaves those of an index it does not synchronize unresolved. */
function indexColumns(metadata: EntityMetadata, index: Index): string[] {
  if (index.synchronize) return index.columns.map((column) => column.databaseName);
  return (index.givenColumnNames as string[]).map((path) => {
    const column = metadata.findColumnWithPropertyPath(path);
    if (!column) throw new Error(`index ${index.name!} names ${path}, which is no column of ${metadata.name}`);
    return column.databaseName;
  });
}

describe('the entities and the migrations', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let runner: QueryRunner;
  beforeAll(async () => {
    db = await createTestDatabase();
    dataSource = await createDataSource({ databaseUrl: db.url, poolSize: 1 }).initialize();
    runner = dataSource.createQueryRunner();
  });
  afterAll(async () => {
    await runner?.release();
    await dataSource?.destroy();
    await db?.drop();
  });

  const describeOne = async (sql: string, params: unknown[]) =>
    ((await runner.query(sql, params)) as object[])[0] ?? { missing: true };

  /**
   * For each table, `declare` builds the entity's version of its parts on an empty copy of the table (in a
   * transaction rolled back), and `describe` reads one part back from the copy or from the table.
   */
  async function declaredAndBuilt<T>(
    parts: (metadata: EntityMetadata) => T[],
    declare: (part: T, n: number) => Promise<void>,
    describe: (part: T, n: number, table: string) => Promise<object>,
  ): Promise<{ declared: object[]; built: object[] }> {
    const declared: object[] = [];
    const built: object[] = [];
    for (const metadata of dataSource.entityMetadatas) {
      await runner.startTransaction();
      try {
        await runner.query(`CREATE TEMP TABLE drift_probe (LIKE public.${quoteIdentifier(metadata.tableName)})`);
        for (const [n, part] of parts(metadata).entries()) {
          await declare(part, n);
          declared.push(await describe(part, n, PROBE));
          built.push(await describe(part, n, `public.${quoteIdentifier(metadata.tableName)}`));
        }
      } finally {
        await runner.rollbackTransaction();
      }
    }
    return { declared, built };
  }

  it('describe the same schema: the schema builder finds nothing to change on a migrated database', async () => {
    const { upQueries } = await dataSource.driver.createSchemaBuilder().log();
    expect(upQueries.map((query) => query.query)).toEqual([]);
  });

  it('declare every index with the columns, in order, and the predicate the migrations gave it', async () => {
    const { declared, built } = await declaredAndBuilt(
      (metadata) => metadata.indices.map((index) => ({ index, columns: indexColumns(metadata, index) })),
      async ({ index, columns }, n) => {
        await runner.query(
          `CREATE ${index.isUnique ? 'UNIQUE ' : ''}INDEX drift_probe_${n} ON ${PROBE} ` +
            `(${columns.map(quoteIdentifier).join(', ')})${index.where ? ` WHERE ${index.where}` : ''}`,
        );
      },
      async ({ index }, n, table) => {
        const name = table === PROBE ? `pg_temp.drift_probe_${n}` : `public.${quoteIdentifier(index.name!)}`;
        const described = { index: index.name, ...(await describeOne(DESCRIBE_INDEX, [name])) };
        // Only an index TypeORM does not synchronize may be one it cannot say (DESC).
        if (!index.synchronize) delete (described as { descending?: unknown }).descending;
        return described;
      },
    );
    expect(declared).toEqual(built);
  });

  it('declare every CHECK constraint with the expression the migrations gave it', async () => {
    const { declared, built } = await declaredAndBuilt(
      (metadata) => metadata.checks,
      async (check) => {
        await runner.query(
          `ALTER TABLE ${PROBE} ADD CONSTRAINT ${quoteIdentifier(check.name)} CHECK (${check.expression!})`,
        );
      },
      async (check, _n, table) => ({ check: check.name, ...(await describeOne(DESCRIBE_CHECK, [table, check.name])) }),
    );
    expect(declared).toEqual(built);
  });
});
