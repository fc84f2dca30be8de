import type { Client } from 'pg';
import { spawnApp, waitFor, type SpawnedApp } from '../orchestrator-packages/testing';
import { onExit } from '../exit-cleanup';
import { WORKER_MAIN } from '../orchestrator-run';
import { peakResidentMb, residentMb } from '../proc-files';
import { backlogRemaining, backlogSpan } from './backlog';
import { rssSummary } from './rss-summary';
import { settledWriteCounts, writeDelta, writesPerStep } from './table-writes';

export interface DrainSettings {
  workers: number;
  /** Environment of the workers (the same as the API's). */
  env: Record<string, string>;
  rssSampleMs: number;
  processes: number;
}

// The recovery sweeper logs this (at warn) for every process it re-enqueues, with the reason.
const REENQUEUED = '"msg":"process re-enqueued"';

/** How many processes the workers' sweepers re-enqueued, by reason (`missing`: no job; `stalled`). */
export function reenqueuedByReason(workers: readonly Pick<SpawnedApp, 'output'>[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const line of workers.flatMap((worker) => worker.output().split('\n'))) {
    if (!line.includes(REENQUEUED)) continue;
    let reason = 'unknown';
    try {
      reason = String((JSON.parse(line) as { reason?: unknown }).reason ?? reason);
    } catch {
      // a line pino did not write
    }
    counts[reason] = (counts[reason] ?? 0) + 1;
  }
  return counts;
}

/**
 * Starts workers on a queued backlog and waits until every backlog process has completed, sampling each
 * worker's RSS; then stops them (which also flushes their table statistics) and reports the drain rate,
 * the memory, the sweeper's re-enqueues (none are expected: every backlog process has a queued job) and the
 * writes per step transaction.
 */
export async function drainBacklog(db: Client, s: DrainSettings) {
  const before = await settledWriteCounts(db);
  const workers: SpawnedApp[] = Array.from({ length: s.workers }, () => spawnApp(WORKER_MAIN, s.env));
  const killOnExit = onExit(() => workers.forEach((worker) => worker.child.kill('SIGKILL')));
  const samples: number[][] = workers.map(() => []);
  const peaks: number[] = workers.map(() => 0);
  const sampler = setInterval(() => {
    workers.forEach((worker, index) => {
      const pid = worker.child.pid ?? -1;
      const rss = residentMb(pid);
      if (rss !== undefined) samples[index]?.push(rss);
      peaks[index] = Math.max(peaks[index] ?? 0, peakResidentMb(pid) ?? 0);
    });
  }, s.rssSampleMs);
  let outcome: string;
  try {
    outcome = await waitFor(
      async () => {
        const exited = workers.find((worker) => worker.child.exitCode !== null);
        if (exited) return `a worker exited: ${exited.output().slice(-2000)}`;
        const remaining = await backlogRemaining(db);
        const stuck = ['failed', 'aborted', 'inconsistent_data', 'api_unavailable'].find((status) => remaining[status]);
        if (stuck) return `${remaining[stuck]} backlog processes ended ${stuck}`;
        return Object.keys(remaining).length === 0 && 'done';
      },
      { timeoutMs: 4 * 3600_000, intervalMs: 1000, what: 'the backlog to drain' },
    );
  } finally {
    clearInterval(sampler);
    for (const worker of workers) worker.child.kill('SIGTERM');
    await Promise.all(workers.map((worker) => worker.exited));
    killOnExit();
  }
  if (outcome !== 'done') throw new Error(outcome);

  const span = await backlogSpan(db);
  const after = await settledWriteCounts(
    db,
    (counts) => (counts.process_steps?.ins ?? 0) - (before.process_steps?.ins ?? 0) >= span.stepRows,
  );
  return {
    processes: s.processes,
    worker_processes: s.workers,
    drain_s: Math.round(span.seconds * 10) / 10,
    processes_per_s: Math.round(s.processes / span.seconds),
    step_rows_per_s: Math.round(span.stepRows / span.seconds),
    rss: rssSummary(samples, peaks),
    sweeper_reenqueued: reenqueuedByReason(workers),
    writes: writesPerStep(writeDelta(before, after)),
  };
}
