import { processFigures, waitAllCompleted } from '../process-figures';
import { range, startProcesses } from '../process-starts';
import { processFailures, seconds, type Scenario, type ScenarioReport } from '../scenario-report';
import { sleep } from '../shell';

/**
 * SIGKILL of the API in the middle of a burst of starts, each with an Idempotency-Key; restarted at once.
 * The starts that got no answer are sent again with the same key, as a client would: every acknowledged
 * start must exist once, and no key may make two processes.
 */
export const killApi: Scenario = {
  name: 'kill-api',
  title: 'SIGKILL of the API during a burst of starts, restarted; unanswered starts sent again with their key',
  async run({ stack, settings }): Promise<ScenarioReport> {
    const scenario = this.name;
    const count = settings.processes;
    const spec = {
      scenario,
      concurrency: 32,
      input: () => ({ stepMs: 10 }),
      idempotencyKey: (i: number) => `${scenario}-${i}`,
    };
    const burst = startProcesses(stack, { ...spec, indexes: range(0, count) });
    const deadline = Date.now() + 60000;
    while (Date.now() < deadline && (await startedCount(stack, scenario)) < count / 3) await sleep(20);
    await stack.api.kill();
    const killedAt = Date.now();
    const first = await burst;
    stack.api.start();
    await stack.waitReady(120000);
    const backAt = Date.now();
    const again = await startProcesses(stack, { ...spec, indexes: first.unanswered });
    const completedAt = await waitAllCompleted(stack, scenario, settings.settleMs);

    const figures = await processFigures(stack, scenario, [...first.acknowledged, ...again.acknowledged]);
    const failures = processFailures(figures);
    const { rows } = await stack.db.query<{ n: number }>(
      `SELECT coalesce(sum(n - 1), 0)::int AS n FROM (
         SELECT count(*) AS n FROM processes WHERE workflow_name = 'chaos_steps' AND state->>'scenario' = $1
          GROUP BY state->>'seq' HAVING count(*) > 1) d`,
      [scenario],
    );
    const duplicated = rows[0]?.n ?? 0;
    if (duplicated > 0) failures.push(`${duplicated} starts made two processes despite their Idempotency-Key`);
    if (again.unanswered.length > 0)
      failures.push(`${again.unanswered.length} starts still unanswered once the API was back`);
    if (figures.processes !== count) failures.push(`${figures.processes} processes for ${count} starts`);
    return {
      name: scenario,
      processes: figures,
      recoverS: completedAt === undefined ? null : seconds(completedAt - killedAt),
      other: {
        unanswered_at_kill: first.unanswered.length,
        api_back_s: seconds(backAt - killedAt),
        duplicated_processes: duplicated,
      },
      failures,
    };
  },
};

async function startedCount(stack: Parameters<Scenario['run']>[0]['stack'], scenario: string): Promise<number> {
  const { rows } = await stack.db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM processes WHERE workflow_name = 'chaos_steps' AND state->>'scenario' = $1`,
    [scenario],
  );
  return rows[0]?.n ?? 0;
}
