import { expectOk, type OrchestratorClient } from '@orchestrator/client';
import { defineWorkflow, step } from '@orchestrator/engine';
import { startTestStack, type TestStack } from '@orchestrator/test-stack';
import { oneStepWorkflow } from './api-test-support';

// The operator API (ENGINE.md 11.2, 11.3, 11.7) through the typed client. No worker runs: processes stay
// `created` unless a test aborts them.

const alpha = oneStepWorkflow('op_alpha', 'the first workflow of the searches', 'Noop');
const beta = oneStepWorkflow('op_beta', 'the second one', 'Noop', { target: 'MODIFY' });
const guarded = defineWorkflow({
  name: 'op_guarded',
  target: 'SYSTEM',
  description: 'only its starter may retry it',
  authorizeRetry: (user) => user.name === 'gina' || 'only gina retries these',
  steps: [step('Noop', () => ({}))],
});

describe('the operator API', () => {
  let stack: TestStack;
  let client: OrchestratorClient;

  beforeAll(async () => {
    stack = await startTestStack({ workflows: [alpha, beta, guarded] });
    client = stack.client;
  });
  afterAll(() => stack.stop());

  const start = async (workflow: string, as?: OrchestratorClient): Promise<string> =>
    expectOk(
      await (as ?? client).POST('/api/processes/{workflowName}', {
        params: { path: { workflowName: workflow } },
        body: {},
      }),
    ).id;
  const list = async (query: Record<string, string | number>) =>
    expectOk(await client.GET('/api/processes', { params: { query } }));
  const refusal = async (query: Record<string, string>) => {
    const { error, response } = await client.GET('/api/processes', { params: { query } });
    return { status: response.status, code: error?.error.code, message: error?.error.message };
  };

  describe('search and sort', () => {
    const ids: Record<string, string[]> = { op_alpha: [], op_beta: [] };
    beforeAll(async () => {
      for (let i = 0; i < 4; i += 1) ids.op_alpha!.push(await start('op_alpha'));
      for (let i = 0; i < 3; i += 1) ids.op_beta!.push(await start('op_beta'));
      expect(
        (await client.PUT('/api/processes/{id}/abort', { params: { path: { id: ids.op_beta![0]! } } })).response.status,
      ).toBe(204);
    });

    it('finds processes by field, by alternatives and by negation, with their exact total', async () => {
      const byName = await list({ q: 'workflowName:op_alpha' });
      expect(new Set(byName.items.map((item) => item.id))).toEqual(new Set(ids.op_alpha));
      expect({ total: byName.total, estimate: byName.totalIsEstimate }).toEqual({ total: 4, estimate: false });
      expect((await list({ q: 'workflowName:(op_alpha|op_beta) -status:aborted' })).total).toBe(6);
      expect((await list({ q: 'target:modify status:aborted' })).items.map((item) => item.id)).toEqual([
        ids.op_beta![0],
      ]);
      expect((await list({ q: 'op_b*' })).total).toBe(3);
    });

    it('keeps the plain filters, ANDed with q', async () => {
      const page = await list({ workflowName: 'op_beta', q: 'status:created' });
      expect(page.total).toBe(2);
    });

    it('pages through every sort exactly: each process once, in the order of the sort, ties broken by id', async () => {
      for (const sort of [
        'workflowName,asc',
        'workflowName,desc',
        'status,asc',
        'startedAt,asc',
        'lastModifiedAt,desc',
      ]) {
        const seen: { id: string; key: string }[] = [];
        let cursor: string | undefined;
        do {
          const page = await list({
            q: 'workflowName:(op_alpha|op_beta)',
            sort,
            limit: 2,
            ...(cursor ? { cursor } : {}),
          });
          const field = sort.split(',')[0] as 'workflowName' | 'status' | 'startedAt' | 'lastModifiedAt';
          seen.push(...page.items.map((item) => ({ id: item.id, key: String(item[field]) })));
          cursor = page.nextCursor ?? undefined;
        } while (cursor);
        expect(seen).toHaveLength(7);
        expect(new Set(seen.map((item) => item.id)).size).toBe(7);
        const descending = sort.endsWith('desc');
        const expected = [...seen].sort((a, b) => {
          const order = a.key < b.key ? -1 : a.key > b.key ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
          return descending ? -order : order;
        });
        expect({ sort, order: seen.map((item) => item.id) }).toEqual({ sort, order: expected.map((item) => item.id) });
      }
    });

    it('answers a malformed q with 400 INVALID_QUERY naming the position', async () => {
      expect(await refusal({ q: 'status:(failed' })).toMatchObject({ status: 400, code: 'INVALID_QUERY' });
      expect(await refusal({ q: 'colour:red' })).toEqual({
        status: 400,
        code: 'INVALID_QUERY',
        message: expect.stringMatching(/unknown field "colour".* at 0$/),
      });
      expect((await refusal({ q: 'status:runing' })).message).toMatch(/"runing" is not a value of status .* at 7$/);
    });

    it('answers an unknown sort field, a bad cursor and a cursor of another sort with 400', async () => {
      expect(await refusal({ sort: 'colour,asc' })).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
      expect(await refusal({ sort: 'status,sideways' })).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
      expect(await refusal({ cursor: 'not-a-cursor' })).toMatchObject({ status: 400, code: 'INVALID_CURSOR' });
      const page = await list({ limit: 1, sort: 'status,asc' });
      expect(await refusal({ cursor: page.nextCursor!, sort: 'workflowName,asc' })).toMatchObject({
        status: 400,
        code: 'INVALID_CURSOR',
      });
    });

    it('counts the audit events that q finds, and refuses a malformed one', async () => {
      const page = expectOk(
        await client.GET('/api/audit-events', { params: { query: { q: 'action:process.abort' } } }),
      );
      expect(page.total).toBeGreaterThanOrEqual(1);
      expect(page.items.every((item) => item.action === 'process.abort')).toBe(true);
      const bad = await client.GET('/api/audit-events', { params: { query: { q: 'at>yesterday' } } });
      expect({ status: bad.response.status, code: bad.error?.error.code }).toEqual({
        status: 400,
        code: 'INVALID_QUERY',
      });
    });
  });

  describe('status counts', () => {
    it('equal a count of the table after starts, aborts and deletes', async () => {
      await start('op_alpha');
      const counted = await stack.sql<{ isTask: boolean; status: string; n: number }>(
        `SELECT is_task AS "isTask", status, count(*)::int AS n FROM processes GROUP BY 1, 2`,
      );
      const expected = { processCounts: {} as Record<string, number>, taskCounts: {} as Record<string, number> };
      for (const row of counted) (row.isTask ? expected.taskCounts : expected.processCounts)[row.status] = row.n;
      expect(expectOk(await client.GET('/api/processes/status-counts'))).toEqual(expected);
    });
  });

  describe('the note', () => {
    it('sets and clears the note of a process, with an audit row, and refuses anything but a string or null', async () => {
      const id = await start('op_alpha');
      const noted = expectOk(
        await client.PATCH('/api/processes/{id}', {
          params: { path: { id } },
          body: { note: 'waiting for the field engineer' },
        }),
      );
      expect(noted).toMatchObject({ id, note: 'waiting for the field engineer', status: 'created' });
      expect((await list({ q: 'note:engineer' })).items.map((item) => item.id)).toEqual([id]);
      const rows = await stack.sql(
        `SELECT actor, details->>'note' AS note FROM audit_events WHERE action = 'process.note' AND target_id = $1`,
        [id],
      );
      expect(rows).toEqual([{ actor: 'admin', note: 'waiting for the field engineer' }]);

      const wrong = await client.PATCH('/api/processes/{id}', {
        params: { path: { id } },
        body: { note: 7 as unknown as string },
      });
      expect({ status: wrong.response.status, code: wrong.error?.error.code }).toEqual({
        status: 400,
        code: 'VALIDATION_FAILED',
      });
      expect(
        expectOk(await client.PATCH('/api/processes/{id}', { params: { path: { id } }, body: { note: null } })).note,
      ).toBeNull();
      const unknown = await client.PATCH('/api/processes/{id}', {
        params: { path: { id: '00000000-0000-4000-8000-000000000000' } },
        body: { note: 'x' },
      });
      expect(unknown.response.status).toBe(404);
    });
  });

  describe('bulk actions', () => {
    it('aborts every process the filter lists, reports those its status refuses, and writes one audit row', async () => {
      const fresh = [await start('op_beta'), await start('op_beta')];
      const before = (await list({ q: 'workflowName:op_beta' })).total;
      const outcome = expectOk(
        await client.POST('/api/processes/bulk', { body: { action: 'abort', q: 'workflowName:op_beta' } }),
      );
      expect(outcome.matched).toBe(before);
      expect(outcome.refused.map((item) => item.code)).toEqual(outcome.refused.map(() => 'INVALID_PROCESS_STATUS'));
      expect(outcome.done).toBe(before - outcome.refused.length);
      for (const id of fresh) {
        expect(expectOk(await client.GET('/api/processes/{id}', { params: { path: { id } } })).status).toBe('aborted');
      }
      const audit = await stack.sql<{ details: Record<string, unknown> }>(
        `SELECT details FROM audit_events WHERE action = 'processes.bulk'`,
      );
      expect(audit).toEqual([
        { details: expect.objectContaining({ bulkAction: 'abort', matched: before, done: outcome.done }) },
      ]);
      expect(
        await stack.sql(`SELECT 1 FROM audit_events WHERE action = 'process.abort' AND target_id = ANY($1)`, [fresh]),
      ).toEqual([]);
    });

    it("resumes each process under its own workflow's rules", async () => {
      const id = await start('op_guarded');
      expect((await client.PUT('/api/processes/{id}/abort', { params: { path: { id } } })).response.status).toBe(204);
      const ops = await stack.clientAs('oscar', 'operate');
      const outcome = expectOk(
        await ops.POST('/api/processes/bulk', { body: { action: 'resume', q: 'workflowName:op_guarded' } }),
      );
      // Aborted is final: the status refuses it before the rule is asked, or the rule refuses it.
      expect(outcome).toEqual({
        matched: 1,
        done: 0,
        refused: [{ id, code: expect.any(String), message: expect.any(String) }],
      });
    });

    it('refuses a bulk action without a filter, or with an empty one, and writes nothing', async () => {
      const before = await stack.sql(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'processes.bulk'`);
      for (const body of [{ action: 'abort' }, { action: 'abort', q: '  ' }, { action: 'resume', status: [] }]) {
        const res = await client.POST('/api/processes/bulk', { body: body as { action: 'abort' } });
        expect({ status: res.response.status, code: res.error?.error.code }).toEqual({
          status: 400,
          code: 'VALIDATION_FAILED',
        });
      }
      const bad = await client.POST('/api/processes/bulk', { body: { action: 'abort', q: 'status:(' } });
      expect(bad.error?.error.code).toBe('INVALID_QUERY');
      const unknown = await client.POST('/api/processes/bulk', { body: { action: 'delete' as 'abort', q: 'x' } });
      expect(unknown.response.status).toBe(400);
      expect(await stack.sql(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'processes.bulk'`)).toEqual(
        before,
      );
    });
  });

  describe('the documentation', () => {
    it('serves the OpenAPI document and the interactive page without a credential', async () => {
      const anonymous = await fetch(`${stack.baseUrl}/api/openapi.json`);
      expect(anonymous.status).toBe(200);
      expect(((await anonymous.json()) as { openapi: string }).openapi).toBe('3.1.0');
      const page = await fetch(`${stack.baseUrl}/api/docs`);
      expect(page.headers.get('content-type')).toMatch(/text\/html/);
      expect(await page.text()).toContain('/api/docs/swagger-ui-bundle.js');
      // Each body is read to its end, so that no connection stays busy when the stack stops.
      const bundle = await fetch(`${stack.baseUrl}/api/docs/swagger-ui-bundle.js`);
      expect({
        status: bundle.status,
        type: bundle.headers.get('content-type'),
        read: (await bundle.text()).length > 0,
      }).toEqual({
        status: 200,
        type: expect.stringMatching(/javascript/),
        read: true,
      });
      const initializer = await fetch(`${stack.baseUrl}/api/docs/swagger-initializer.js`);
      expect({ status: initializer.status, text: await initializer.text() }).toEqual({
        status: 200,
        text: expect.stringContaining("url: '/api/openapi.json'"),
      });
    });
  });
});
