import { sleep, startTestStack, type TestStack } from '@orchestrator/test-stack';
import { expectError, oneStepWorkflow, startProcess } from './api-test-support';

// No worker runs in this file: processes stay `created` unless a test aborts them.

const orderWorkflow = oneStepWorkflow('list_order', 'processes whose order is checked', 'Noop');
const pageWorkflow = oneStepWorkflow('list_page', 'processes that are paged through', 'Noop');
const filterWorkflow = oneStepWorkflow('list_filter', 'processes that are filtered', 'Noop', { target: 'MODIFY' });
const filterTask = oneStepWorkflow('list_filter_task', 'a task that is filtered', 'Noop', { isTask: true });

interface Item {
  id: string;
  workflowName: string;
  isTask: boolean;
  status: string;
  createdBy: string;
  startedAt: string;
}

describe('process listing', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack({ workflows: [orderWorkflow, pageWorkflow, filterWorkflow, filterTask] });
  });
  afterAll(() => stack.stop());

  const start = async (workflow: string, user?: string): Promise<string> =>
    startProcess(stack, workflow, {}, user ? await stack.as(user) : {});
  const abort = async (id: string) =>
    expect((await stack.request('PUT', `/api/processes/${id}/abort`)).status).toBe(204);
  const list = async (query: string): Promise<{ items: Item[]; nextCursor: string | null }> => {
    const res = await stack.request('GET', `/api/processes?${query}`);
    expect(res.status).toBe(200);
    return res.body;
  };
  const ids = (items: Item[]) => items.map((item) => item.id);

  it('lists processes newest first', async () => {
    const created: string[] = [];
    for (let i = 0; i < 4; i += 1) {
      created.push(await start('list_order'));
      await sleep(5); // distinct start times, so that the order is fully determined by them
    }
    const { items, nextCursor } = await list('workflowName=list_order');
    expect(ids(items)).toEqual([...created].reverse());
    expect(nextCursor).toBeNull();
    const times = items.map((item) => Date.parse(item.startedAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it('gives list items the detail fields without steps, currentState and form', async () => {
    const id = await start('list_order', 'dora');
    const { items } = await list('createdBy=dora');
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      id,
      workflowName: 'list_order',
      workflowTarget: 'SYSTEM',
      isTask: false,
      status: 'created',
    });
    for (const field of [
      'lastStep',
      'assignee',
      'failedReason',
      'traceback',
      'createdBy',
      'startedAt',
      'lastModifiedAt',
      'note',
      'subscriptionIds',
    ]) {
      expect(items[0]).toHaveProperty(field);
    }
    expect(items[0]).not.toHaveProperty('steps');
    expect(items[0]).not.toHaveProperty('currentState');
    expect(items[0]).not.toHaveProperty('form');
  });

  describe('filters', () => {
    let workflowByAnn: string;
    let workflowByBen: string;
    let abortedByBen: string;
    let taskByAnn: string;
    let abortedTask: string;

    beforeAll(async () => {
      workflowByAnn = await start('list_filter', 'ann');
      workflowByBen = await start('list_filter', 'ben');
      abortedByBen = await start('list_filter', 'ben');
      taskByAnn = await start('list_filter_task', 'ann');
      abortedTask = await start('list_filter_task', 'cid');
      await abort(abortedByBen);
      await abort(abortedTask);
    });

    it('filters by status', async () => {
      const aborted = await list('status=aborted');
      expect(new Set(ids(aborted.items))).toEqual(new Set([abortedByBen, abortedTask]));
      expect(aborted.items.every((item) => item.status === 'aborted')).toBe(true);
    });

    it('filters by several statuses given comma-separated', async () => {
      const both = await list('workflowName=list_filter&status=created,aborted');
      expect(new Set(ids(both.items))).toEqual(new Set([workflowByAnn, workflowByBen, abortedByBen]));
    });

    it('filters by workflowName', async () => {
      const { items } = await list('workflowName=list_filter_task');
      expect(new Set(ids(items))).toEqual(new Set([taskByAnn, abortedTask]));
    });

    it('filters by isTask', async () => {
      const tasks = await list('isTask=true&limit=500');
      expect(tasks.items.every((item) => item.isTask)).toBe(true);
      expect(new Set(ids(tasks.items))).toEqual(new Set([taskByAnn, abortedTask]));
      const workflows = await list('isTask=false&limit=500');
      expect(workflows.items.every((item) => !item.isTask)).toBe(true);
      expect(ids(workflows.items)).toEqual(expect.arrayContaining([workflowByAnn, workflowByBen, abortedByBen]));
      expect(ids(workflows.items)).not.toContain(taskByAnn);
    });

    it('filters by createdBy', async () => {
      const { items } = await list('createdBy=ben');
      expect(new Set(ids(items))).toEqual(new Set([workflowByBen, abortedByBen]));
    });

    it('combines filters', async () => {
      const { items } = await list('createdBy=ann&isTask=true&status=created');
      expect(ids(items)).toEqual([taskByAnn]);
    });
  });

  describe('pagination', () => {
    it('walks all items with limit and nextCursor without duplicates or gaps', async () => {
      const created = await Promise.all(Array.from({ length: 7 }, () => start('list_page')));
      const seen: string[] = [];
      const pageSizes: number[] = [];
      let cursor: string | null = null;
      for (let page = 0; page < 10; page += 1) {
        const query: string = `workflowName=list_page&limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
        const body = await list(query);
        seen.push(...ids(body.items));
        pageSizes.push(body.items.length);
        cursor = body.nextCursor;
        if (!cursor) break;
      }
      expect(pageSizes).toEqual([3, 3, 1]);
      expect(new Set(seen).size).toBe(seen.length);
      expect(new Set(seen)).toEqual(new Set(created));
      expect(seen).toEqual(ids((await list('workflowName=list_page&limit=50')).items));
    });

    it('walks processes that share one start time without duplicates or gaps', async () => {
      const created = await Promise.all(Array.from({ length: 7 }, () => start('list_page', 'same-time')));
      await stack.sql(`UPDATE processes SET started_at = '2026-01-01T00:00:00.000Z' WHERE created_by = 'same-time'`);
      const seen: string[] = [];
      let cursor: string | null = null;
      for (let page = 0; page < 10; page += 1) {
        const body = await list(`createdBy=same-time&limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
        seen.push(...ids(body.items));
        cursor = body.nextCursor;
        if (!cursor) break;
      }
      expect(seen).toHaveLength(7);
      expect(new Set(seen)).toEqual(new Set(created));
    });

    it('answers an invalid cursor with 400', async () => {
      const notJson = Buffer.from('not json').toString('base64url');
      const wrongShape = Buffer.from(JSON.stringify({ startedAt: 'x' })).toString('base64url');
      const badId = Buffer.from(JSON.stringify(['2026-01-01T00:00:00.000Z', 'not-a-uuid'])).toString('base64url');
      for (const cursor of ['%%%', notJson, wrongShape, badId]) {
        expectError(await stack.request('GET', `/api/processes?cursor=${encodeURIComponent(cursor)}`), 400);
      }
    });

    it('answers an invalid status filter or limit with 400', async () => {
      for (const query of [
        'status=bogus',
        'status=created,bogus',
        'limit=0',
        'limit=-1',
        'limit=abc',
        'limit=2.5',
        'isTask=maybe',
      ]) {
        expectError(await stack.request('GET', `/api/processes?${query}`), 400);
      }
    });
  });

  it('counts workflow processes in processCounts and tasks in taskCounts', async () => {
    const before = (await stack.request('GET', '/api/processes/status-counts')).body;
    await start('list_order');
    await start('list_order');
    await start('list_filter_task');
    await abort(await start('list_filter_task'));
    await abort(await start('list_filter_task'));
    const res = await stack.request('GET', '/api/processes/status-counts');
    expect(res.status).toBe(200);
    const n = (counts: Record<string, number>, status: string) => counts[status] ?? 0;
    expect(n(res.body.processCounts, 'created')).toBe(n(before.processCounts, 'created') + 2);
    expect(n(res.body.processCounts, 'aborted')).toBe(n(before.processCounts, 'aborted'));
    expect(n(res.body.taskCounts, 'created')).toBe(n(before.taskCounts, 'created') + 1);
    expect(n(res.body.taskCounts, 'aborted')).toBe(n(before.taskCounts, 'aborted') + 2);

    const truth = await stack.sql<{ is_task: boolean; status: string; n: number }>(
      'SELECT is_task, status, count(*)::int AS n FROM processes GROUP BY is_task, status',
    );
    const expected = { processCounts: {} as Record<string, number>, taskCounts: {} as Record<string, number> };
    for (const row of truth) (row.is_task ? expected.taskCounts : expected.processCounts)[row.status] = row.n;
    const nonZero = (counts: Record<string, number>) =>
      Object.fromEntries(Object.entries(counts).filter(([, v]) => v !== 0));
    expect({ processCounts: nonZero(res.body.processCounts), taskCounts: nonZero(res.body.taskCounts) }).toEqual(
      expected,
    );
  });
});
