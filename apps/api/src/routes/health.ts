import { Router } from 'express';
import { reply } from '../openapi/operation';
import { liveness, readinessCheck } from './health-operations';

export interface HealthChecks {
  database(): Promise<boolean>;
  redis(): Promise<boolean>;
  /** Queues paused in Redis outside the engine (Bull Board, redis-cli); null when Redis cannot be asked. */
  pausedQueues(): Promise<string[] | null>;
}

/** What the engine status and readiness say of queues paused behind the engine's back. */
export function pausedQueuesMessage(paused: readonly string[]): string {
  return `queue ${paused.join(', ')} ${paused.length > 1 ? 'are' : 'is'} paused in Redis outside the engine: its steps wait (workers resume it within a recovery interval)`;
}

/**
 * Liveness says the process answers; readiness that PostgreSQL and Redis answer too (503 naming what is
 * down). A queue paused outside the engine keeps readiness at 200, since the API can serve (and is where an
 * operator looks), but says so: `status: "degraded"`, `checks.queues: false` and a message.
 */
export function healthRoutes(checks: HealthChecks): Router {
  const router = Router();
  router.get('/live', (_req, res) => {
    reply(res, liveness, 200, { status: 'ok' });
  });
  router.get('/ready', async (_req, res) => {
    const [database, redis] = await Promise.all([checks.database(), checks.redis()]);
    const paused = redis ? await checks.pausedQueues() : null;
    const queues = paused === null ? null : paused.length === 0;
    const body = { checks: { database, redis, queues } };
    if (!database || !redis) {
      const down = [...(database ? [] : ['PostgreSQL']), ...(redis ? [] : ['Redis'])];
      const message = `${down.join(' and ')} ${down.length > 1 ? 'are' : 'is'} unavailable`;
      reply(res, readinessCheck, 503, { status: 'not_ready', ...body, message });
    } else if (paused && paused.length > 0) {
      reply(res, readinessCheck, 200, { status: 'degraded', ...body, message: pausedQueuesMessage(paused) });
    } else reply(res, readinessCheck, 200, { status: 'ready', ...body });
  });
  return router;
}
