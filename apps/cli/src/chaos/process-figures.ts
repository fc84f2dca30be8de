import type { ChaosStack } from './chaos-stack';
import { sleep } from './shell';

/** The figures of one scenario's processes, read from PostgreSQL and the effects Redis at the end. */
export interface ProcessFigures {
  processes: number;
  /** Starts the API acknowledged (201) whose process is not in PostgreSQL. */
  lost: number;
  /** Processes not completed when the scenario's deadline passed. */
  stuck: number;
  /** Successful step rows beyond one per process and step name: a step committed twice. */
  dupSteps: number;
  /** `chaos_effects` rows beyond one per process and step: a step's transaction committed twice. */
  dupTx: number;
  /** Counter increments beyond one per process and step: a step ran again after a crash (at-least-once). */
  dupNonTx: number;
  /** Unfinished processes by status, for the notes. */
  unfinishedByStatus: Record<string, number>;
}

export async function unfinishedCount(stack: ChaosStack, scenario: string): Promise<number> {
  const { rows } = await stack.db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM processes
      WHERE workflow_name = 'chaos_steps' AND state->>'scenario' = $1 AND status <> 'completed'`,
    [scenario],
  );
  return rows[0]?.n ?? 0;
}

/**
 * Waits until every process of the scenario has completed; answers when that was (ms since epoch), or
 * undefined when the deadline passed first. A PostgreSQL that is down counts as "not yet".
 */
export async function waitAllCompleted(
  stack: ChaosStack,
  scenario: string,
  timeoutMs: number,
): Promise<number | undefined> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const left = await unfinishedCount(stack, scenario).catch(() => -1);
    if (left === 0) return Date.now();
    await sleep(250);
  }
  return undefined;
}

export async function processFigures(
  stack: ChaosStack,
  scenario: string,
  acknowledged: string[],
): Promise<ProcessFigures> {
  const q = async (sql: string, params: unknown[]) =>
    (await stack.db.query<{ n: number }>(sql, params)).rows[0]?.n ?? 0;
  const processes = await q(
    `SELECT count(*)::int AS n FROM processes WHERE workflow_name = 'chaos_steps' AND state->>'scenario' = $1`,
    [scenario],
  );
  const lost = await q(
    `SELECT count(*)::int AS n FROM unnest($1::uuid[]) AS a(id) WHERE NOT EXISTS (SELECT 1 FROM processes p WHERE p.process_id = a.id)`,
    [acknowledged],
  );
  const dupSteps = await q(
    `SELECT coalesce(sum(n - 1), 0)::int AS n FROM (
       SELECT count(*) AS n FROM process_steps s JOIN processes p USING (process_id)
        WHERE p.workflow_name = 'chaos_steps' AND p.state->>'scenario' = $1 AND s.status IN ('success', 'complete')
        GROUP BY s.process_id, s.name HAVING count(*) > 1) d`,
    [scenario],
  );
  const dupTx = await q(
    `SELECT coalesce(sum(n - 1), 0)::int AS n FROM (
       SELECT count(*) AS n FROM chaos_effects WHERE scenario = $1 GROUP BY process_id, step HAVING count(*) > 1) d`,
    [scenario],
  );
  const counters = await stack.effects.hvals(`chaos:effects:${scenario}`);
  const dupNonTx = counters.map(Number).reduce((sum, n) => sum + Math.max(0, n - 1), 0);
  const { rows } = await stack.db.query<{ status: string; n: number }>(
    `SELECT status, count(*)::int AS n FROM processes
      WHERE workflow_name = 'chaos_steps' AND state->>'scenario' = $1 AND status <> 'completed' GROUP BY status`,
    [scenario],
  );
  const unfinishedByStatus = Object.fromEntries(rows.map((row) => [row.status, row.n]));
  const stuck = rows.reduce((sum, row) => sum + row.n, 0);
  return { processes, lost, stuck, dupSteps, dupTx, dupNonTx, unfinishedByStatus };
}
