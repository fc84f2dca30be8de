import { Router } from 'express';

export interface HealthChecks {
  database(): Promise<boolean>;
  redis(): Promise<boolean>;
}

/** Liveness says the process answers; readiness that PostgreSQL and Redis answer too. */
export function healthRoutes(checks: HealthChecks): Router {
  const router = Router();
  router.get('/live', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/ready', async (_req, res) => {
    const [database, redis] = await Promise.all([checks.database(), checks.redis()]);
    const ready = database && redis;
    const down = [...(database ? [] : ['PostgreSQL']), ...(redis ? [] : ['Redis'])];
    res.status(ready ? 200 : 503).json({
      status: ready ? 'ready' : 'not_ready',
      checks: { database, redis },
      ...(ready ? {} : { message: `${down.join(' and ')} ${down.length > 1 ? 'are' : 'is'} unavailable` }),
    });
  });
  return router;
}
