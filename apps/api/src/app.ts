import express, { type Express, type RequestHandler } from 'express';
import type { Logger } from 'pino';
import type {
  EngineSettings,
  ProcessCommands,
  ProcessQueries,
  ProductCommands,
  ProductModelQueries,
  ProductQueries,
  SubscriptionCommands,
  SubscriptionQueries,
} from '@orchestrator/db';
import type { StepScheduler, SubscriptionReader, WorkflowRegistry } from '@orchestrator/engine';
import { errorHandler, notFoundHandler } from './error-handler';
import { healthRoutes, type HealthChecks } from './routes/health';
import { processRoutes } from './routes/processes';
import { productModelRoutes } from './routes/product-model';
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
  productCommands: ProductCommands;
  /** Product blocks and resource types (ENGINE.md 13.2). */
  productModel: ProductModelQueries;
  /** What multi-page forms read (ENGINE.md 13.7): subscriptions, never written through it. */
  inventory: SubscriptionReader;
  engine: EngineSettings;
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
  app.use('/api/workflows', workflowRoutes(deps));
  app.use('/api/subscriptions', subscriptionRoutes(deps));
  app.use('/api/products', productRoutes(deps));
  app.use('/api', productModelRoutes(deps.productModel));
  app.use('/api/settings', settingsRoutes(deps));
  if (deps.adminQueues) app.use('/admin/queues', deps.adminQueues);

  app.use(notFoundHandler);
  app.use(errorHandler(deps.logger));
  return app;
}
