import { Queue } from 'bullmq';
import IORedis from 'ioredis';
import type { ChaosStack } from '../chaos-stack';
import { processFigures, unfinishedCount, waitAllCompleted } from '../process-figures';
import { range, startProcesses } from '../process-starts';
import { processFailures, seconds, type Scenario, type ScenarioReport } from '../scenario-report';
import { sleep } from '../shell';

async function completedCount(stack: ChaosStack, scenario: string): Promise<number> {
  const { rows } = await stack.db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM processes
      WHERE workflow_name = 'chaos_steps' AND state->>'scenario' = $1 AND status = 'completed'`,
    [scenario],
  );
  return rows[0]?.n ?? 0;
}

/** What the API said while the step queue was paused behind the engine's back. */
async function engineSaysPaused(stack: ChaosStack): Promise<{ status: boolean; ready: boolean }> {
  const [status, ready] = await Promise.all([
    fetch(`${stack.baseUrl}/api/settings/status`, { headers: stack.authorization }).then(
      (res) => res.json() as Promise<{ pausedQueues?: unknown }>,
    ),
    fetch(`${stack.baseUrl}/health/ready`).then((res) => res.json() as Promise<{ checks?: { queues?: unknown } }>),
  ]);
  return {
    status: Array.isArray(status.pausedQueues) && status.pausedQueues.includes('steps'),
    ready: ready.checks?.queues === false,
  };
}

/**
 * The step queue paused in Redis as Bull Board's pause button does, while processes run: the engine status
 * and readiness must say so, the workers must log it and resume the queue within a recovery interval or two,
 * and every process must complete.
 */
export const queuePause: Scenario = {
  name: 'queue-pause',
  title: 'the step queue paused in Redis outside the engine (Bull Board, redis-cli) while processes run',
  async run({ stack, settings }): Promise<ScenarioReport> {
    const scenario = this.name;
    const redis = new IORedis(stack.queueRedis.url(), { maxRetriesPerRequest: 3 });
    redis.on('error', () => undefined);
    const queue = new Queue('steps', { connection: redis, prefix: '{orchestrator}' });
    const logOffsets = stack.workers.map((worker) => worker.logSinceStart().length);
    try {
      const starting = startProcesses(stack, {
        scenario,
        indexes: range(0, settings.processes),
        concurrency: 8,
        input: () => ({ stepMs: 100 }),
      });
      // The pause comes once the run is under way.
      const underWay = Date.now() + 60000;
      while ((await completedCount(stack, scenario)) < settings.processes / 4 && Date.now() < underWay)
        await sleep(100);
      const unfinishedAtFault = await unfinishedCount(stack, scenario);
      // A worker may resume the queue between our pause and our question: pause again, a few times at most.
      let seen = { status: false, ready: false };
      let pausedAt = Date.now();
      for (let attempt = 0; attempt < 5 && !(seen.status && seen.ready); attempt++) {
        pausedAt = Date.now();
        await queue.pause();
        const said = await engineSaysPaused(stack);
        seen = { status: seen.status || said.status, ready: seen.ready || said.ready };
      }
      const bound = 2 * settings.recoveryIntervalMs + 1000;
      while ((await queue.isPaused()) && Date.now() - pausedAt < bound + 5000) await sleep(100);
      const resumedAfter = Date.now() - pausedAt;
      const starts = await starting;
      const completedAt = await waitAllCompleted(stack, scenario, settings.settleMs);
      const logged = stack.workers.some((worker, i) =>
        worker
          .logSinceStart()
          .slice(logOffsets[i] ?? 0)
          .includes('paused in Redis outside the engine'),
      );

      const figures = await processFigures(stack, scenario, starts.acknowledged);
      const failures = processFailures(figures);
      if (unfinishedAtFault === 0) failures.push('every process had completed before the pause: nothing was tested');
      if (!seen.status) failures.push('/api/settings/status did not list the paused step queue in pausedQueues');
      if (!seen.ready) failures.push('/health/ready did not say checks.queues: false while the step queue was paused');
      if (!logged) failures.push('no worker logged the queue paused outside the engine');
      if (resumedAfter > bound)
        failures.push(`the step queue was still paused ${seconds(resumedAfter)} s after the pause`);
      return {
        name: scenario,
        processes: figures,
        recoverS: completedAt === undefined ? null : seconds(Math.max(0, completedAt - pausedAt)),
        other: { unfinished_at_fault: unfinishedAtFault, resumed_after_s: seconds(resumedAfter) },
        failures,
      };
    } finally {
      await queue.resume().catch(() => undefined);
      await queue.close();
      redis.disconnect();
    }
  },
};
