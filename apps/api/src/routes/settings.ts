import { Router } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../app';
import { ApiError } from '../api-error';
import { bodyObject, zodDetails } from '../request-input';
import { auditOf } from '../security/request-auth';

export type SettingsRoutesDeps = Pick<
  AppDeps,
  'engine' | 'queries' | 'scheduler' | 'health' | 'logger' | 'announce' | 'workers'
>;

const statusBodySchema = z.object({ globalLock: z.boolean() }).strict();

/**
 * Engine pause (ENGINE.md 4.6): with the global lock set, workers finish the step in hand and take no new
 * one; `PAUSING` while steps are still executing, then `PAUSED`. Unpausing continues every paused process.
 * PostgreSQL alone holds the pause: a worker drops a step request whose process it finds paused (the queue
 * drains, since nothing enqueues while paused), and unpausing requests every paused process's step again.
 */
export function settingsRoutes(deps: SettingsRoutesDeps): Router {
  const router = Router();

  router.get('/status', async (_req, res) => {
    res.json(await engineStatus(deps));
  });

  router.put('/status', async (req, res) => {
    const parsed = statusBodySchema.safeParse(bodyObject(req));
    if (!parsed.success)
      throw new ApiError('VALIDATION_FAILED', 'expected {"globalLock": true|false}', zodDetails(parsed.error));
    const paused = parsed.data.globalLock;
    await deps.engine.setPaused(paused, auditOf(req, paused ? 'engine.pause' : 'engine.unpause'));
    deps.logger.info({ globalLock: paused }, paused ? 'engine paused' : 'engine unpaused');
    if (!paused) await continuePausedProcesses(deps);
    const status = await engineStatus(deps);
    deps.announce.engineStatus(status);
    res.json(status);
  });

  // Every worker seen within its last three heartbeats (ENGINE.md 11.5).
  router.get('/workers', async (_req, res) => {
    res.json({ items: await deps.workers() });
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
