import { Client } from 'pg';
import {
  compileSearch,
  defineSort,
  nextCursor,
  parseSort,
  planKeyset,
  type SearchFields,
  type SortDefinition,
} from '@orchestrator/search';
import { createTestDatabase, type TestDatabase } from '@orchestrator/testing';
import {
  AUDIT_EVENTS,
  auditId,
  insertListRows,
  PROCESSES,
  processId,
  SUBSCRIPTIONS,
  subscriptionId,
} from '../../test-fixtures/list-rows';
import { AUDIT_EVENT_FROM, AUDIT_EVENT_SORT as auditEventSort, auditEventSearchFields } from '../audit/audit-trail';
import { PROCESS_LIST_FROM as PROCESS_FROM, processSearchFields, processSort } from './process-search';
import { SUBSCRIPTION_FROM } from '../subscriptions/subscription-json';
import { subscriptionSearchFields } from '../subscriptions/subscription-search-fields';
import { subscriptionSort } from './subscription-sort';

let db: TestDatabase;
let client: Client;

beforeAll(async () => {
  db = await createTestDatabase();
  client = new Client({ connectionString: db.url });
  await client.connect();
  await insertListRows(client);
  // Cursor keys must not depend on the session's time zone: walk in an odd one.
  await client.query(`SET TIME ZONE 'America/St_Johns'`);
});

afterAll(async () => {
  await client?.end();
  await db?.drop();
});

interface OracleRow {
  label: string;
  id: string;
  keys: Record<string, string | null>;
}

interface List {
  from: string;
  idColumn: string;
  fields: SearchFields;
  sort: SortDefinition;
  rows: OracleRow[];
}

const PROCESS_LIST: List = {
  from: PROCESS_FROM,
  idColumn: 'p.process_id',
  fields: processSearchFields,
  sort: processSort,
  rows: PROCESSES.map((p) => ({
    label: p.label,
    id: processId(p.label),
    keys: { startedAt: p.startedAt, lastModifiedAt: p.lastModifiedAt, workflowName: p.workflow, status: p.status },
  })),
};

/** A nullable text key keeps its NULLs (only nullable dates are coalesced): the other predicate path. */
const PROCESS_LAST_STEP_LIST: List = {
  ...PROCESS_LIST,
  sort: defineSort({
    list: 'processes',
    fields: { lastStep: { sql: 'p.last_step', kind: 'text', nullable: true } },
    id: { sql: 'p.process_id', kind: 'uuid' },
    default: 'lastStep,asc',
  }),
  rows: PROCESSES.map((p) => ({ label: p.label, id: processId(p.label), keys: { lastStep: p.lastStep } })),
};

const SUBSCRIPTION_LIST: List = {
  from: SUBSCRIPTION_FROM,
  idColumn: 's.subscription_id',
  fields: subscriptionSearchFields,
  sort: subscriptionSort,
  rows: SUBSCRIPTIONS.map((s) => ({
    label: s.label,
    id: subscriptionId(s.label),
    keys: {
      startDate: s.startDate,
      endDate: s.endDate,
      description: s.description,
      status: s.status,
      productName: s.product,
      customerId: s.customerId,
      createdAt: s.createdAt,
    },
  })),
};

const AUDIT_LIST: List = {
  from: AUDIT_EVENT_FROM,
  idColumn: 'a.id',
  fields: auditEventSearchFields,
  sort: auditEventSort,
  rows: AUDIT_EVENTS.map((a) => ({ label: a.label, id: auditId(a.label), keys: { at: a.at } })),
};

/**
 * The order the rows must come in, computed in JavaScript from the fixture: the key (NULL above every value,
 * as in PostgreSQL: last ascending, first descending), then the id. The fixture's text sorts the same in
 * every collation, and its timestamps are uniform ISO strings, so comparing strings is exact.
 */
function expectedOrder(list: List, field: string, direction: 'asc' | 'desc', labels?: string[]): string[] {
  const compare = (a: string | null, b: string | null): number =>
    a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1;
  const sign = direction === 'asc' ? 1 : -1;
  return list.rows
    .filter((row) => !labels || labels.includes(row.label))
    .sort((a, b) => sign * (compare(a.keys[field] ?? null, b.keys[field] ?? null) || compare(a.id, b.id)))
    .map((row) => row.label);
}

/** Every row of `q` under `sort`, fetched page by page through cursors only. */
async function walk(list: List, sortText: string, pageSize: number, q = ''): Promise<string[]> {
  const sort = parseSort(sortText, list.sort);
  const filter = compileSearch(q, list.fields);
  const labelOf = new Map(list.rows.map((row) => [row.id, row.label]));
  const seen: string[] = [];
  let cursor: string | undefined;
  for (let page = 0; page <= list.rows.length; page += 1) {
    const plan = planKeyset(sort, cursor, { paramOffset: filter.params.length });
    const params = [...filter.params, ...(plan.after?.params ?? [])];
    const where = plan.after ? `${filter.sql} AND ${plan.after.sql}` : filter.sql;
    const { rows } = await client.query<Record<string, string>>(
      `SELECT ${list.idColumn}::text AS id, ${plan.cursorColumns} FROM ${list.from}
        WHERE ${where} ORDER BY ${plan.orderBy} LIMIT $${params.length + 1}`,
      [...params, pageSize + 1],
    );
    const pageRows = rows.slice(0, pageSize);
    seen.push(...pageRows.map((row) => labelOf.get(row.id as string) ?? 'unknown'));
    const last = pageRows.at(-1);
    if (rows.length <= pageSize || !last) return seen;
    cursor = nextCursor(sort, last);
  }
  throw new Error(`walking ${sortText} did not end`);
}

const sortsOf = (list: List): [string, 'asc' | 'desc'][] =>
  Object.keys(list.sort.fields).flatMap((field): [string, 'asc' | 'desc'][] => [
    [field, 'asc'],
    [field, 'desc'],
  ]);

describe('keyset pagination in PostgreSQL', () => {
  describe.each([
    ['processes', PROCESS_LIST],
    ['processes by a nullable text', PROCESS_LAST_STEP_LIST],
    ['subscriptions', SUBSCRIPTION_LIST],
    ['audit events', AUDIT_LIST],
  ])('of %s', (_name, list) => {
    it.each(sortsOf(list))(
      'walks sort=%s,%s page by page without skipping or repeating a row',
      async (field, direction) => {
        const expected = expectedOrder(list, field, direction);
        for (const pageSize of [1, 2, 3]) {
          expect(await walk(list, `${field},${direction}`, pageSize)).toEqual(expected);
        }
      },
    );
  });

  it('puts empty start dates last ascending and first descending, ties broken by id', async () => {
    expect(await walk(SUBSCRIPTION_LIST, 'startDate,asc', 2)).toEqual(['s7', 's1', 's3', 's5', 's2', 's4', 's6']);
    expect(await walk(SUBSCRIPTION_LIST, 'startDate,desc', 2)).toEqual(['s6', 's4', 's2', 's5', 's3', 's1', 's7']);
  });

  it('tells apart start times that differ by a microsecond', async () => {
    const order = await walk(PROCESS_LIST, 'startedAt,asc', 1, 'startedAt:2024-05-01T10:00:00');
    expect(order).toEqual(expectedOrder(PROCESS_LIST, 'startedAt', 'asc', ['p01', 'p02', 'p03', 'p08']));
    expect(order.at(-1)).toBe('p02');
  });

  it('walks a filtered list, the cursor predicate numbered after the filter parameters', async () => {
    const q = '-isTask:true startedAt>=2024-05-01';
    const matching = ['p01', 'p02', 'p03', 'p05', 'p06', 'p09', 'p10', 'p11', 'p12'];
    for (const sortText of ['status,asc', 'workflowName,desc', 'lastModifiedAt,asc']) {
      const [field, direction] = sortText.split(',') as [string, 'asc' | 'desc'];
      expect(await walk(PROCESS_LIST, sortText, 2, q)).toEqual(expectedOrder(PROCESS_LIST, field, direction, matching));
    }
  });
});
