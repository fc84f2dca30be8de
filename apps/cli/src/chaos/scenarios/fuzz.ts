import type { ChaosStack } from '../chaos-stack';
import { isRefusal, isServerFailure, isStandardError } from '../fuzz-answers';
import { fuzzRequest, seededRandom, type FuzzTargets } from '../fuzz-requests';
import type { Scenario, ScenarioReport } from '../scenario-report';
import { sleep } from '../shell';

interface TableMark {
  rows: number;
  maxXmin: number;
}

/**
 * What every table holds, as (rows, newest row version): any committed insert, update or delete changes
 * it. Read after each request, so that a rejected request that wrote anything is caught on the spot.
 */
async function tableMarks(stack: ChaosStack, tables: string[]): Promise<Map<string, TableMark>> {
  const sql = tables
    .map(
      (t) => `SELECT '${t}' AS t, count(*)::int AS rows, coalesce(max(xmin::text::bigint), 0)::bigint AS x FROM "${t}"`,
    )
    .join(' UNION ALL ');
  const { rows } = await stack.db.query<{ t: string; rows: number; x: string }>(sql);
  return new Map(rows.map((row) => [row.t, { rows: row.rows, maxXmin: Number(row.x) }]));
}

async function rowsWritten(stack: ChaosStack, before: Map<string, TableMark>, after: Map<string, TableMark>) {
  let written = 0;
  const tables: string[] = [];
  for (const [table, mark] of after) {
    const earlier = before.get(table);
    if (!earlier || (earlier.rows === mark.rows && earlier.maxXmin === mark.maxXmin)) continue;
    const { rows } = await stack.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM "${table}" WHERE xmin::text::bigint > $1`,
      [earlier.maxXmin],
    );
    written += Math.max(rows[0]?.n ?? 0, 0) + Math.max(0, earlier.rows - mark.rows);
    tables.push(table);
  }
  return { written, tables };
}

/** Real processes to aim at: one waiting for a form, one for a callback, one completed. */
async function seedTargets(stack: ChaosStack): Promise<FuzzTargets> {
  const processIds: string[] = [];
  for (const workflow of ['chaos_form', 'chaos_callback', 'chaos_steps']) {
    const res = await fetch(`${stack.baseUrl}/api/processes/${workflow}`, {
      method: 'POST',
      headers: { ...stack.authorization, 'content-type': 'application/json' },
      body: JSON.stringify({ scenario: 'fuzz-seed' }),
    });
    processIds.push(((await res.json()) as { id: string }).id);
  }
  const deadline = Date.now() + 60000;
  while (Date.now() < deadline) {
    const { rows } = await stack.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM processes WHERE process_id = ANY($1::uuid[])
          AND status IN ('suspended', 'awaiting_callback', 'completed')`,
      [processIds],
    );
    if (rows[0]?.n === processIds.length) break;
    await sleep(100);
  }
  const workflows = (await (
    await fetch(`${stack.baseUrl}/api/workflows`, { headers: stack.authorization })
  ).json()) as {
    name: string;
  }[];
  return {
    processIds,
    workflowNames: [...workflows.map((w) => w.name), 'no_such_workflow'],
    adminApiKey: stack.adminApiKey,
  };
}

/**
 * Fuzzed requests over every route, one at a time with the workers stopped (so that nothing else writes):
 * no answer may be a 5xx, every error must have the standard shape without a stack trace, and a rejected
 * request (a 4xx, or a multi-page form's 510 FORM_NOT_COMPLETE) must leave every table as it was.
 */
export const fuzz: Scenario = {
  name: 'fuzz',
  title: 'fuzzed requests over every route: no 5xx, standard error bodies, nothing written by a rejected one',
  async run({ stack, settings }): Promise<ScenarioReport> {
    const targets = await seedTargets(stack);
    await Promise.all(stack.workers.map((worker) => worker.stop()));
    const { rows } = await stack.db.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
    );
    const tables = rows.map((row) => row.table_name).filter((name) => name !== 'migrations');
    const seed = Number(process.env.CHAOS_FUZZ_SEED ?? Date.now() % 100000);
    const random = seededRandom(seed);
    const fiveHundreds: Record<string, number> = {};
    const writers: Record<string, number> = {};
    const badShapes: Record<string, number> = {};
    let rejected = 0;
    let acceptedWrites = 0;
    let written = 0;
    let marks = await tableMarks(stack, tables);
    try {
      for (let i = 0; i < settings.fuzzRequests; i++) {
        const request = fuzzRequest(random, targets);
        let status = 0;
        let text = '';
        try {
          const res = await fetch(`${stack.baseUrl}${request.path}`, {
            method: request.method,
            headers: request.headers,
            body: request.body,
            signal: AbortSignal.timeout(30000),
          });
          status = res.status;
          text = await res.text();
        } catch (error) {
          // A request fetch refuses to send is no request; one the server did not answer is a failure.
          if (!(error as Error & { cause?: unknown }).cause && (error as Error).name === 'TypeError') continue;
          const key = `${request.route}: no answer (${(error as Error).message})`;
          fiveHundreds[key] = 1 + (fiveHundreds[key] ?? 0);
          continue;
        }
        if (status === 401 || status === 429) await stack.forgetFailedAuthentications();
        const after = await tableMarks(stack, tables);
        if (isServerFailure(status, text))
          fiveHundreds[`${request.route} ${status}`] = 1 + (fiveHundreds[`${request.route} ${status}`] ?? 0);
        const change = await rowsWritten(stack, marks, after);
        // Accepted requests that wrote show that the check sees writes at all.
        if (status < 400 && change.written > 0) acceptedWrites += 1;
        if (isRefusal(status, text)) {
          rejected += 1;
          // A refusal (401 naming a user, 403) is audited by design (ENGINE.md 10.9): its one row is no write.
          const auditedRefusal = (status === 401 || status === 403) && change.tables.join() === 'audit_events';
          if (change.written > 0 && !auditedRefusal) {
            written += change.written;
            const key = `${request.route} ${status} -> ${change.tables.join(',')}`;
            writers[key] = 1 + (writers[key] ?? 0);
          }
          if (!request.path.startsWith('/admin') && !isStandardError(text)) {
            badShapes[`${request.route} ${status}`] = 1 + (badShapes[`${request.route} ${status}`] ?? 0);
          }
        }
        marks = after;
      }
    } finally {
      await stack.forgetFailedAuthentications();
      for (const worker of stack.workers) worker.start();
      await stack.waitWorkers(stack.workers);
    }
    const count = (record: Record<string, number>) => Object.values(record).reduce((a, b) => a + b, 0);
    const list = (record: Record<string, number>) =>
      Object.entries(record)
        .map(([what, n]) => `${n}× ${what}`)
        .join('; ');
    const failures: string[] = [];
    if (count(fiveHundreds) > 0) failures.push(`5xx or no answer: ${list(fiveHundreds)}`);
    if (written > 0) failures.push(`rejected requests wrote ${written} rows: ${list(writers)}`);
    if (count(badShapes) > 0) failures.push(`errors without the standard shape: ${list(badShapes)}`);
    return {
      name: 'fuzz',
      other: {
        requests: settings.fuzzRequests,
        seed,
        rejected,
        '5xx': count(fiveHundreds),
        rows_written_by_rejected: written,
        accepted_that_wrote: acceptedWrites,
        bad_error_bodies: count(badShapes),
      },
      failures,
    };
  },
};
