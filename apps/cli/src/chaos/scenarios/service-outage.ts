import { SCHEDULED_TASK, type ChaosStack } from '../chaos-stack';
import { processFigures, unfinishedCount, waitAllCompleted } from '../process-figures';
import { range, startProcesses } from '../process-starts';
import { processFailures, seconds, type Scenario, type ScenarioReport } from '../scenario-report';
import { sleep } from '../shell';
import { outageFailures, probeDuringOutage } from './outage-probes';

type Service = 'redis' | 'postgresql';

const stopService = (stack: ChaosStack, service: Service) =>
  service === 'redis' ? stack.queueRedis.shutdownNoSave() : stack.pg.stopImmediately().then(() => undefined);

const startService = (stack: ChaosStack, service: Service) =>
  service === 'redis' ? stack.queueRedis.start() : stack.pg.start().then(() => undefined);

/** Whether a scheduled task process started after `since` (the schedules must outlive Redis, ENGINE.md 15.2). */
async function scheduledTaskStartedSince(stack: ChaosStack, since: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const { rows } = await stack.db
      .query<{ n: number }>(
        `SELECT count(*)::int AS n FROM processes WHERE workflow_name = $1 AND started_at > to_timestamp($2 / 1000.0)`,
        [SCHEDULED_TASK, since],
      )
      .catch(() => ({ rows: [{ n: 0 }] }));
    if ((rows[0]?.n ?? 0) > 0) return true;
    await sleep(500);
  }
  return false;
}

/**
 * Redis `SHUTDOWN NOSAVE` or PostgreSQL `stop -m immediate` while processes run, down for `downMs`
 * (0: restarted at once), then started again on the same port: every process must complete without a
 * restart by hand; while it is down the API answers 503 (ENGINE.md 15.2).
 */
function serviceOutage(name: string, service: Service, down: 'restart' | 'outage'): Scenario {
  return {
    name,
    title: `${service === 'redis' ? 'Redis SHUTDOWN NOSAVE' : 'PostgreSQL stop -m immediate'}, ${
      down === 'restart' ? 'started again at once' : 'down for the outage time'
    }`,
    async run({ stack, settings }): Promise<ScenarioReport> {
      const downMs = down === 'restart' ? 0 : settings.outageMs;
      const exitsBefore = [stack.api, ...stack.workers].map((app) => app.unexpectedExits);
      // The schedule must run before the fault for its absence after it to mean anything.
      const scheduledBefore =
        service === 'redis' ? await scheduledTaskStartedSince(stack, Date.now() - 10000, 15000) : true;
      const starts = await startProcesses(stack, {
        scenario: name,
        indexes: range(0, settings.processes),
        concurrency: 8,
        // Slow enough steps that the fault finds most processes still running.
        input: () => ({ stepMs: 400 }),
      });
      // The fault comes once the run is under way: some processes done, most still to run.
      await waitCompleted(stack, name, Math.ceil(settings.processes / 4));
      const unfinishedAtFault = await unfinishedCount(stack, name);
      let over = false;
      const stoppedAt = Date.now();
      const probing = probeDuringOutage(stack, name, service, () => over);
      await stopService(stack, service);
      await sleep(downMs);
      await startService(stack, service);
      over = true;
      const restartedAt = Date.now();
      const answers = await probing;
      const scheduled = service === 'redis' ? scheduledTaskStartedSince(stack, restartedAt, 30000) : undefined;
      const completedAt = await waitAllCompleted(stack, name, settings.settleMs);
      const exits = [stack.api, ...stack.workers]
        .map((app, i) => ({ name: app.name, n: app.unexpectedExits - (exitsBefore[i] ?? 0) }))
        .filter((exit) => exit.n > 0);
      await stack.restartStopped();
      const schedulesBack = scheduled ? await scheduled : true;

      const acknowledged = [...starts.acknowledged, ...answers.acknowledged];
      const figures = await processFigures(stack, name, acknowledged);
      const failures = processFailures(figures);
      if (starts.unanswered.length > 0) failures.push(`${starts.unanswered.length} starts refused before the fault`);
      if (unfinishedAtFault === 0) failures.push('every process had completed before the fault: nothing was tested');
      failures.push(...outageFailures(answers, service === 'redis' ? 'Redis' : 'PostgreSQL', downMs > 0));
      if (!scheduledBefore) failures.push(`no scheduled ${SCHEDULED_TASK} started even before the fault`);
      else if (!schedulesBack) {
        failures.push(`no scheduled ${SCHEDULED_TASK} started within 30 s of the Redis restart (ENGINE.md 15.2)`);
      }
      const other: Record<string, string | number> = {
        unfinished_at_fault: unfinishedAtFault,
        down_s: seconds(restartedAt - stoppedAt),
      };
      other.answers_503 = answers.good;
      if (exits.length > 0) other.exited = exits.map((exit) => `${exit.name}×${exit.n}`).join(',');
      return {
        name,
        processes: figures,
        recoverS: completedAt === undefined ? null : seconds(completedAt - restartedAt),
        other,
        failures,
      };
    },
  };
}

async function waitCompleted(stack: ChaosStack, scenario: string, count: number): Promise<void> {
  const deadline = Date.now() + 120000;
  while (Date.now() < deadline) {
    const { rows } = await stack.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM processes
        WHERE workflow_name = 'chaos_steps' AND state->>'scenario' = $1 AND status = 'completed'`,
      [scenario],
    );
    if ((rows[0]?.n ?? 0) >= count) return;
    await sleep(100);
  }
}

export const redisRestart = serviceOutage('redis-restart', 'redis', 'restart');
export const redisOutage = serviceOutage('redis-outage', 'redis', 'outage');
export const postgresRestart = serviceOutage('postgres-restart', 'postgresql', 'restart');
export const postgresOutage = serviceOutage('postgres-outage', 'postgresql', 'outage');
