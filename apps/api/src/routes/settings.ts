import { Router } from 'express';
import type { AppDeps } from '../app';
import { bodyOf, reply } from '../openapi/operation';
import { getEngineStatus, setEngineStatus } from './settings-operations';
import { listWorkers } from './telemetry-operations';
import { auditOf } from '../security/request-auth';

export type SettingsRoutesDeps = Pick<
  AppDeps,
  'engine' | 'queries' | 'scheduler' | 'health' | 'logger' | 'announce' | 'workers'
>;

/**
 * Engine pause (ENGINE.md 4.6): with the global lock set, workers finish the step in hand and take no new
 * one; `PAUSING` while steps are still executing, then `PAUSED`. Unpausing continues every paused process.
 * PostgreSQL alone holds the pause: a worker drops a step request whose process it finds paused (the queue
 * drains, since nothing enqueues while paused), and unpausing requests every paused process's step again.
 */
export function settingsRoutes(deps: SettingsRoutesDeps): Router {
  const router = Router();

  router.get('/status', async (_req, res) => {
    reply(res, getEngineStatus, 200, await engineStatus(deps));
  });

  router.put('/status', async (req, res) => {
    const paused = bodyOf(setEngineStatus, req, 'expected {"globalLock": true|false}').globalLock;
    await deps.engine.setPaused(paused, auditOf(req, paused ? 'engine.pause' : 'engine.unpause'));
    deps.logger.info({ globalLock: paused }, paused ? 'engine paused' : 'engine unpaused');
    if (!paused) await continuePausedProcesses(deps);
    const status = await engineStatus(deps);
    deps.announce.engineStatus(status);
    reply(res, setEngineStatus, 200, status);
  });

  // Every worker seen within its last three heartbeats (ENGINE.md 11.5).
  router.get('/workers', async (_req, res) => {
    reply(res, listWorkers, 200, { items: await deps.workers() });
  });

  return router;
}

/**
 * The contract's fields (globalLock, globalStatus, runningProcesses) and `pausedQueues`: the BullMQ queues
 * paused in Redis behind the engine's back, whose steps wait while globalStatus says RUNNING (null when
 * Redis cannot be asked).
 */
async function engineStatus(deps: SettingsRoutesDeps) {
  const [status, pausedQueues] = await Promise.all([deps.engine.status(), deps.health.pausedQueues()]);
  return { ...status, pausedQueues };
}

/**
 * Requests the step of every runnable process again (queued requests dedupe); the sweeper covers any missed.
 * Redis being away does not fail the unpause, which PostgreSQL already holds: the sweeper enqueues them later.
 */
async function continuePausedProcesses(deps: SettingsRoutesDeps): Promise<void> {
  let after: string | null = null;
  let count = 0;
  for (;;) {
    const batch = await deps.queries.runnable(after, 500);
    try {
      for (const request of batch) await deps.scheduler.schedule(request, 0);
    } catch (error) {
      deps.logger.warn({ err: error }, 'enqueue failed; the recovery sweeper will continue the paused processes');
      return;
    }
    count += batch.length;
    if (batch.length < 500) break;
    after = batch[batch.length - 1]?.processId ?? null;
  }
  deps.logger.info({ processes: count }, 'paused processes continued');
}
