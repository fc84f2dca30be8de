import express, { type Express, type RequestHandler } from 'express';
import type { Logger } from 'pino';
import type {
  EngineSettings,
  ProcessCommands,
  ProcessQueries,
  ProductQueries,
  SubscriptionCommands,
  SubscriptionQueries,
  TaskScheduleStore,
} from '@orchestrator/db';
import type { StepScheduler, WorkflowRegistry } from '@orchestrator/engine';
import { errorHandler, notFoundHandler } from './error-handler';
import { serviceUnavailable } from './service-outage';
import { healthRoutes, type HealthChecks } from './routes/health';
import { processRoutes } from './routes/processes';
import { productRoutes } from './routes/products';
import { subscriptionRoutes } from './routes/subscriptions';
import { scheduleRoutes } from './routes/schedules';
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
  /** The task schedules (PostgreSQL holds them; workers derive BullMQ's job schedulers). */
  schedules: TaskScheduleStore;
  /** Where the API hands started and resumed processes to the workers. */
  scheduler: StepScheduler;
  health: HealthChecks;
  logger: Logger;
  /** Bull Board's router, mounted at /admin/queues. */
  adminQueues?: RequestHandler;
}

/** The HTTP API without listen(), so tests drive it directly. */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  // strict: false lets a body that is a bare string or number through to bodyObject(), which answers it
  // with VALIDATION_FAILED (it is well-formed JSON, just not an object).
  app.use(express.json({ limit: '1mb', strict: false, type: ['application/json', 'application/*+json'] }));

  app.use('/health', healthRoutes(deps.health));
  app.use('/api/processes', processRoutes(deps));
  app.use('/api/workflows', workflowRoutes(deps.registry));
  app.use('/api/subscriptions', subscriptionRoutes(deps));
  app.use('/api/products', productRoutes(deps.products));
  app.use('/api/settings', settingsRoutes(deps));
  app.use('/api/schedules', scheduleRoutes(deps));
  if (deps.adminQueues) app.use('/admin/queues', redisRequired(deps.health), deps.adminQueues);

  app.use(notFoundHandler);
  app.use(errorHandler(deps.logger, deps.health));
  return app;
}

/** Bull Board's data calls read Redis: while it is out they answer 503 naming it, not Bull Board's 500. */
function redisRequired(health: HealthChecks): RequestHandler {
  return (req, _res, next) => {
    if (!req.path.startsWith('/api/')) return next();
    health.redis().then(
      (up) => next(up ? undefined : serviceUnavailable('Redis')),
      (error: unknown) => next(error),
    );
  };
}
