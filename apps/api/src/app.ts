import express, { type Express, type RequestHandler } from 'express';
import type { Logger } from 'pino';
import type { AuthenticationOutcome, FailedAuthLimiter } from '@orchestrator/auth';
import type {
  ApiKeyStore,
  AuditTrail,
  EngineSettings,
  ProcessCommands,
  ProcessQueries,
  ProductCommands,
  ProductModelQueries,
  ProductQueries,
  SubscriptionCommands,
  SubscriptionQueries,
  TaskScheduleStore,
  WorkflowVersions,
} from '@orchestrator/db';
import type { StepScheduler, SubscriptionReader, WorkflowRegistry } from '@orchestrator/engine';
import type { MetricDeltas, WorkerInfo } from '@orchestrator/telemetry';
import type { Announcer } from './announcer';
import { errorHandler, notFoundHandler } from './error-handler';
import type { PrometheusExporter } from './metrics/prometheus-exporter';
import { requestTelemetry } from './request-telemetry';
import type { LiveEventRoutes } from './routes/events';
import { metricsRoute } from './routes/metrics';
import { serviceUnavailable } from './service-outage';
import { apiKeyRoutes } from './routes/api-keys';
import { auditEventRoutes } from './routes/audit-events';
import { documentationRoutes } from './routes/documentation';
import { healthRoutes, type HealthChecks } from './routes/health';
import { processRoutes } from './routes/processes';
import { productModelRoutes } from './routes/product-model';
import { productRoutes } from './routes/products';
import { subscriptionRoutes } from './routes/subscriptions';
import { scheduleRoutes } from './routes/schedules';
import { settingsRoutes } from './routes/settings';
import { meRoutes } from './routes/me';
import { uiRoutes } from './routes/ui';
import { workflowRoutes } from './routes/workflows';
import { cors, securityHeaders } from './security/http-headers';
import { routeGuard } from './security/route-guard';
import { ROUTE_TABLE } from './security/route-table';
import type { UiSignInSettings } from './routes/ui-sign-in';

/** Who may do what (ENGINE.md 10): api-server.ts builds it from `config.auth` and `config.corsOrigins`. */
export interface AppSecurity {
  /** AUTH_DISABLED (development only): every request acts as admin, named by X-User. */
  authDisabled: boolean;
  authenticator: { authenticate(header: string | undefined): Promise<AuthenticationOutcome> };
  /** Failed authentications per client address (shared by the replicas through Redis). */
  limiter: FailedAuthLimiter;
  /** Whom a revoked API key belonged to, for the audit row of its refused use. */
  revokedKeyName?: (key: string) => Promise<string | null>;
  corsOrigins: readonly string[];
  /** TRUST_PROXY: whose X-Forwarded-For names the client address the limit counts (false: the socket's). */
  trustProxy: false | number | string[];
}

/** Everything the routes use; api-server.ts builds it on PostgreSQL and the step queue. */
export interface AppDeps {
  registry: WorkflowRegistry;
  /** The recorded workflow versions, for processes pinned to an older one (ENGINE.md 14.3). */
  versions: WorkflowVersions;
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
  /** The task schedules (PostgreSQL holds them; workers derive BullMQ's job schedulers). */
  schedules: TaskScheduleStore;
  apiKeys: ApiKeyStore;
  audit: AuditTrail;
  /** Where the API hands started and resumed processes to the workers. */
  scheduler: StepScheduler;
  health: HealthChecks;
  logger: Logger;
  security: AppSecurity;
  /** Parse every answer by its OpenAPI response schema (the test stack): a mismatch is a 500 naming it. */
  checkResponses?: boolean;
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
  /** How the UI's login page may sign in (OIDC_CLIENT_ID); without it, with an API key only. */
  uiSignIn?: () => Promise<UiSignInSettings>;
}

/** The version the OpenAPI document carries (the project's). */
const API_VERSION = '0.1.0';

/** The HTTP API without listen(), so tests drive it directly. */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.set('trust proxy', deps.security.trustProxy);
  const mounts: [string, ...RequestHandler[]][] = [
    ['/health', healthRoutes(deps.health)],
    // /api/openapi.json and /api/docs.
    ['/api', documentationRoutes(API_VERSION)],
    ['/api/processes', processRoutes(deps)],
    ['/api/workflows', workflowRoutes(deps)],
    ['/api/subscriptions', subscriptionRoutes(deps)],
    ['/api/products', productRoutes(deps)],
    ['/api/settings', settingsRoutes(deps)],
    ['/api/schedules', scheduleRoutes(deps)],
    ['/api/me', meRoutes()],
    ['/api/api-keys', apiKeyRoutes(deps.apiKeys)],
    ['/api/audit-events', auditEventRoutes(deps.audit)],
    ['/api/events', deps.live.router],
    ['/api/metrics', metricsRoute(deps.metrics)],
    ['/metrics', metricsRoute(deps.metrics)],
    // /api/product-blocks and /api/resource-types.
    ['/api', productModelRoutes(deps.productModel)],
    // The operator UI's static shell (apps/ui's build); its data comes from the routes above.
    ['/ui', uiRoutes({ signIn: deps.uiSignIn })],
    ...(deps.adminQueues
      ? [['/admin/queues', redisRequired(deps.health), deps.adminQueues] as [string, ...RequestHandler[]]]
      : []),
  ];
  // First, so that every answer (refusals included) has its request id, its count and its span.
  app.use(requestTelemetry({ ...deps.telemetry, mounts: mounts.map(([path]) => path) }));
  app.use(securityHeaders);
  app.use(cors(deps.security.corsOrigins));
  // Before any body is read: every route's rule from the one route table (security/route-table.ts).
  app.use(routeGuard({ table: ROUTE_TABLE, logger: deps.logger, ...deps.security }));
  // strict: false lets a body that is a bare string or number through to bodyObject(), which answers it
  // with VALIDATION_FAILED (it is well-formed JSON, just not an object).
  app.use(express.json({ limit: '1mb', strict: false, type: ['application/json', 'application/*+json'] }));
  if (deps.checkResponses) {
    app.use((_req, res, next) => {
      res.locals.checkResponses = true;
      next();
    });
  }
  for (const [path, ...handlers] of mounts) app.use(path, ...handlers);

  app.use(notFoundHandler);
  app.use(errorHandler(deps.logger, deps.health, deps.audit));
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
