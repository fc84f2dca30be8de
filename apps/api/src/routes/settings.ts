import { Router } from 'express';
import { z } from 'zod';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { findRecoveryCandidates, readEngineStatus, setGlobalLock } from '@orchestrator/db';
import type { StepScheduler } from '@orchestrator/engine';
import { ApiError } from '../api-error';
import { bodyObject, zodDetails } from '../request-input';

export interface SettingsRoutesDeps {
  dataSource: DataSource;
  scheduler: StepScheduler;
  logger: Logger;
}

const statusBodySchema = z.object({ globalLock: z.boolean() }).strict();

/**
 * Engine pause (ENGINE.md 4.6): with the global lock set, workers finish the step in hand and take no new
 * one; `PAUSING` while steps are still executing, then `PAUSED`. Unlocking continues every held process.
 * PostgreSQL alone holds the pause: a worker drops a job whose process it finds held (the queue drains,
 * since nothing enqueues while paused), and unlocking enqueues every held process again.
 */
export function settingsRoutes(deps: SettingsRoutesDeps): Router {
  const router = Router();

  router.get('/status', async (_req, res) => {
    res.json(await readEngineStatus(deps.dataSource));
  });

  router.put('/status', async (req, res) => {
    const parsed = statusBodySchema.safeParse(bodyObject(req));
    if (!parsed.success)
      throw new ApiError('VALIDATION_FAILED', 'expected {"globalLock": true|false}', zodDetails(parsed.error));
    const { globalLock } = parsed.data;
    await setGlobalLock(deps.dataSource, globalLock);
    deps.logger.info({ globalLock }, globalLock ? 'engine paused' : 'engine unpaused');
    if (!globalLock) await continueHeldProcesses(deps);
    res.json(await readEngineStatus(deps.dataSource));
  });

  return router;
}

/** Enqueues every runnable process again (job ids dedupe); the recovery sweeper covers any it misses. */
async function continueHeldProcesses(deps: SettingsRoutesDeps): Promise<void> {
  let after: string | null = null;
  let count = 0;
  for (;;) {
    const batch = await findRecoveryCandidates(deps.dataSource, { staleAfterMs: 0, afterProcessId: after, limit: 500 });
    for (const job of batch) await deps.scheduler.schedule(job, 0);
    count += batch.length;
    if (batch.length < 500) break;
    after = batch[batch.length - 1]?.processId ?? null;
  }
  deps.logger.info({ processes: count }, 'held processes continued');
}
