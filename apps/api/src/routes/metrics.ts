import { Router } from 'express';
import type { PrometheusExporter } from '../metrics/prometheus-exporter';

/** `GET /api/metrics` and `GET /metrics` (role: read, ENGINE.md 10.6 and 12.1). */
export function metricsRoute(exporter: PrometheusExporter): Router {
  const router = Router();
  router.get('/', async (_req, res) => {
    const body = await exporter.render();
    res.set('Content-Type', exporter.contentType).send(body);
  });
  return router;
}
