import express, { type Express, type RequestHandler } from 'express';
import type { Logger } from 'pino';
import type {
  EngineSettings,
  ProcessCommands,
  ProcessQueries,
  ProductQueries,
  SubscriptionCommands,
  SubscriptionQueries,
} from '@orchestrator/db';
import type { StepScheduler, WorkflowRegistry } from '@orchestrator/engine';
import type { MetricDeltas, WorkerInfo } from '@orchestrator/telemetry';
import type { Announcer } from './announcer';
import { errorHandler, notFoundHandler } from './error-handler';
import type { PrometheusExporter } from './metrics/prometheus-exporter';
import { requestTelemetry } from './request-telemetry';
import type { LiveEventRoutes } from './routes/events';
import { metricsRoute } from './routes/metrics';
import { healthRoutes, type HealthChecks } from './routes/health';
import { processRoutes } from './routes/processes';
import { productRoutes } from './routes/products';
import { subscriptionRoutes } from './routes/subscriptions';
import { settingsRoutes } from './routes/settings';
import { workflowRoutes } from './routes/workflows';

/** Everything the routes use; api-server.ts builds it on PostgreSQL and the step queue. */
export interface AppDeps {
  registry: WorkflowRegistry;
  /** Every write the API makes to processes. */
  commands: ProcessCommands;
  queries: ProcessQueries;
  subscriptions: SubscriptionQueries;
  subscriptionCommands: SubscriptionCommands;
  products: ProductQueries;
  engine: EngineSettings;
  /** Where the API hands started and resumed processes to the workers. */
  scheduler: StepScheduler;
  health: HealthChecks;
  logger: Logger;
  /** Bull Board's router, mounted at /admin/queues. */
  adminQueues?: RequestHandler;
  /** Tells live clients what the API's commands changed (and keeps trace contexts, tracing on). */
  announce: Announcer;
  /** `GET /api/events` and its tickets. */
  live: LiveEventRoutes;
  metrics: PrometheusExporter;
  /** The workers seen within their last three heartbeats. */
  workers(): Promise<WorkerInfo[]>;
  /** Request ids, HTTP counters (into `deltas`) and, with `tracing`, a span per request. */
  telemetry: { deltas: MetricDeltas; tracing: boolean };
}

/** The HTTP API without listen(), so tests drive it directly. */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  // strict: false lets a body that is a bare string or number through to bodyObject(), which answers it
  // with VALIDATION_FAILED (it is well-formed JSON, just not an object).
  const mounts: [string, RequestHandler][] = [
    ['/health', healthRoutes(deps.health)],
    ['/api/processes', processRoutes(deps)],
    ['/api/workflows', workflowRoutes(deps.registry)],
    ['/api/subscriptions', subscriptionRoutes(deps)],
    ['/api/products', productRoutes(deps.products)],
    ['/api/settings', settingsRoutes(deps)],
    ['/api/events', deps.live.router],
    // Role: read (ENGINE.md 10.6), both paths.
    ['/api/metrics', metricsRoute(deps.metrics)],
    ['/metrics', metricsRoute(deps.metrics)],
    ...(deps.adminQueues ? [['/admin/queues', deps.adminQueues] as [string, RequestHandler]] : []),
  ];
  app.use(requestTelemetry({ ...deps.telemetry, mounts: mounts.map(([path]) => path) }));
  app.use(express.json({ limit: '1mb', strict: false, type: ['application/json', 'application/*+json'] }));
  for (const [path, router] of mounts) app.use(path, router);

  app.use(notFoundHandler);
  app.use(errorHandler(deps.logger));
  return app;
}
