import { Client } from 'pg';
import { compileSearch, defineSearchFields, type SearchFields } from '@orchestrator/search';
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
import { AUDIT_EVENT_FROM, auditEventSearchFields } from '../audit/audit-trail';
import { PROCESS_LIST_FROM as PROCESS_FROM, processSearchFields } from './process-search';
import { SUBSCRIPTION_FROM } from '../subscriptions/subscription-json';
import { subscriptionSearchFields } from '../subscriptions/subscription-search-fields';

let db: TestDatabase;
let client: Client;

beforeAll(async () => {
  db = await createTestDatabase();
  client = new Client({ connectionString: db.url });
  await client.connect();
  await insertListRows(client);
});

afterAll(async () => {
  await client?.end();
  await db?.drop();
});

const labels = new Map<string, string>([
  ...PROCESSES.map((p): [string, string] => [processId(p.label), p.label]),
  ...SUBSCRIPTIONS.map((s): [string, string] => [subscriptionId(s.label), s.label]),
  ...AUDIT_EVENTS.map((a): [string, string] => [auditId(a.label), a.label]),
]);

/** The labels of the rows `q` selects, in label order; the filter is placed after two parameters of the caller. */
async function search(from: string, idColumn: string, fields: SearchFields, q: string): Promise<string[]> {
  const filter = compileSearch(q, fields, { paramOffset: 2 });
  const { rows } = await client.query<{ id: string }>(
    `SELECT ${idColumn}::text AS id FROM ${from} WHERE $1::int = $2::int AND ${filter.sql}`,
    [1, 1, ...filter.params],
  );
  return rows.map((row) => labels.get(row.id) ?? row.id).sort();
}

const processes = (q: string) => search(PROCESS_FROM, 'p.process_id', processSearchFields, q);
const subscriptions = (q: string) => search(SUBSCRIPTION_FROM, 's.subscription_id', subscriptionSearchFields, q);
const auditEvents = (q: string) => search(AUDIT_EVENT_FROM, 'a.id', auditEventSearchFields, q);
const allProcessesBut = (...excluded: string[]) =>
  PROCESSES.map((p) => p.label).filter((label) => !excluded.includes(label));

describe('the search language on processes, in PostgreSQL', () => {
  it('lists every process for an empty query', async () => {
    expect(await processes('')).toEqual(allProcessesBut());
  });

  it('matches a bare word anywhere in the text fields, without case', async () => {
    expect(await processes('CORE')).toEqual(['p03', 'p10', 'p12']);
    expect(await processes('noc')).toEqual(['p03', 'p05', 'p10']);
  });

  it('ANDs bare words', async () => {
    expect(await processes('core router')).toEqual(['p03', 'p12']);
  });

  it('matches a phrase as one piece of text', async () => {
    expect(await processes('"core router"')).toEqual(['p03']);
  });

  it('matches prefix* as the start of a text field', async () => {
    expect(await processes('maint*')).toEqual(['p01', 'p08']);
    expect(await processes('lastStep:config*')).toEqual(['p01', 'p10']);
  });

  it('matches field:value exactly (text without case, statuses as declared)', async () => {
    expect(await processes('workflowName:CREATE_NODE')).toEqual(['p01', 'p02', 'p07', 'p09', 'p11']);
    expect(await processes('workflowName:create')).toEqual([]);
    expect(await processes('status:failed')).toEqual(['p01', 'p08']);
    expect(await processes('target:modify')).toEqual(['p03', 'p05', 'p10', 'p12']);
    expect(await processes('isTask:true')).toEqual(['p04', 'p08']);
    expect(await processes('createdBy:"alice"')).toEqual(['p01', 'p03', 'p09']);
  });

  it('matches field:(a|b) when any value does', async () => {
    expect(await processes('status:(failed|suspended)')).toEqual(['p01', 'p05', 'p08']);
    expect(await processes('status:(a*|created)')).toEqual(['p07', 'p09', 'p10', 'p11']);
  });

  it('negates terms, counting empty fields as not matching', async () => {
    expect(await processes('-core')).toEqual(allProcessesBut('p03', 'p10', 'p12'));
    expect(await processes('-note:maintenance')).toEqual(allProcessesBut('p01', 'p08'));
    expect(await processes('-lastStep:config*')).toEqual(allProcessesBut('p01', 'p10'));
    expect(await processes('-(status:failed | isTask:true)')).toEqual(allProcessesBut('p01', 'p04', 'p08'));
  });

  it('matches LIKE wildcards in values literally', async () => {
    expect(await processes('note:"50%"')).toEqual(['p01']);
    expect(await processes('note:core_router')).toEqual(['p12']);
    expect(await processes('note:needs_*')).toEqual(['p05']);
  });

  it('compares dates by the span they name, to the microsecond', async () => {
    expect(await processes('startedAt:2024-05-01')).toEqual(['p01', 'p02', 'p03', 'p08', 'p10']);
    expect(await processes('startedAt>=2024-05-01 startedAt<2024-05-02')).toEqual(['p01', 'p02', 'p03', 'p08', 'p10']);
    expect(await processes('startedAt>2024-05-01')).toEqual(['p05', 'p06', 'p09', 'p11', 'p12']);
    expect(await processes('startedAt<=2024-04-30')).toEqual(['p04', 'p07']);
    expect(await processes('startedAt<2024-05-01T10:00')).toEqual(['p04', 'p07', 'p10']);
    expect(await processes('startedAt>2024-05-01T10:00:00.000001Z')).toEqual([
      'p02',
      'p05',
      'p06',
      'p09',
      'p11',
      'p12',
    ]);
    expect(await processes('startedAt:2024-05-01T12:00:00.000001+02:00')).toEqual(['p01', 'p03', 'p08']);
    expect(await processes('lastModifiedAt:>=2024-06 lastModifiedAt:<2024-07-01T00:00:00.000001Z')).toEqual([
      'p06',
      'p09',
    ]);
  });

  it('matches ids whole, by their start, and as bare words', async () => {
    expect(await processes(`id:${processId('p05')}`)).toEqual(['p05']);
    expect(await processes(`id:${processId('p05').slice(0, 4)}*`)).toEqual(['p05']);
    expect(await processes(processId('p05').toUpperCase())).toEqual(['p05']);
  });

  it('searches the subscriptions, products and customers of a process in subqueries', async () => {
    expect(await processes(`subscriptionId:${subscriptionId('s1')}`)).toEqual(['p01', 'p03']);
    expect(await processes(`-subscriptionId:${subscriptionId('s1')}`)).toEqual(allProcessesBut('p01', 'p03'));
    expect(await processes('product:PORT')).toEqual(['p03', 'p05', 'p07', 'p10']);
    expect(await processes('-product:port')).toEqual(['p01', 'p02', 'p04', 'p06', 'p08', 'p09', 'p11', 'p12']);
    expect(await processes('customerId:cust-c')).toEqual(['p07', 'p09', 'p10', 'p12']);
  });

  it('combines alternatives, groups, negations and comparisons', async () => {
    expect(await processes('status:failed | (workflowName:modify_node note:core*)')).toEqual([
      'p01',
      'p03',
      'p08',
      'p10',
      'p12',
    ]);
    expect(await processes('-status:(completed|aborted) startedAt<2024-05-02 isTask:false')).toEqual([
      'p01',
      'p03',
      'p10',
    ]);
  });
});

describe('the search language on subscriptions and audit events, in PostgreSQL', () => {
  it('matches text, statuses, booleans and the product fields', async () => {
    expect(await subscriptions('amsterdam')).toEqual(['s1', 's3', 's7']);
    expect(await subscriptions('tag:port insync:false')).toEqual(['s3', 's6']);
    expect(await subscriptions('product:node -status:active')).toEqual(['s2', 's7']);
    expect(await subscriptions('customerId:(cust-a|cust-b) description:berlin')).toEqual(['s2', 's6']);
  });

  it('compares dates that may be empty, and lists the empty ones under a negation', async () => {
    expect(await subscriptions('endDate<2025')).toEqual(['s3', 's7']);
    expect(await subscriptions('-endDate<2025')).toEqual(['s1', 's2', 's4', 's5', 's6']);
    expect(await subscriptions('startDate:2024-02')).toEqual(['s3', 's5']);
  });

  // The list searches `data.<path>` on the block instances' values (subscription-model tests cover that); a
  // json field over a column, as these rows have it, is the search library's plain case.
  const dataColumn = defineSearchFields({ data: { kind: 'json', sql: 's.data' } });
  const inDataColumn = (q: string) => search(SUBSCRIPTION_FROM, 's.subscription_id', dataColumn, q);

  it('matches values in a JSON column by path, as text without case, and compares numbers there', async () => {
    expect(await inDataColumn('data.port.speed:10g')).toEqual(['s1', 's5']);
    expect(await inDataColumn('data.port.speed:1*')).toEqual(['s1', 's3', 's5']);
    expect(await inDataColumn('data.vlan:100')).toEqual(['s1']);
    expect(await inDataColumn('data.vlan>=100')).toEqual(['s1', 's2', 's7']);
    expect(await inDataColumn('-data.vlan>=100')).toEqual(['s3', 's4', 's5', 's6']);
  });

  it('searches audit events by actor, outcome, time and details', async () => {
    expect(await auditEvents('alice')).toEqual(['a1', 'a3']);
    expect(await auditEvents('outcome:denied')).toEqual(['a2', 'a4']);
    expect(await auditEvents('action:process.* -actor:alice at<2024-05-02')).toEqual(['a2', 'a5']);
    expect(await auditEvents('details.label:a4')).toEqual(['a4']);
    expect(await auditEvents('targetType:api_key')).toEqual(['a4']);
  });
});
