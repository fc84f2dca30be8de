import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DataSource } from 'typeorm';
import { createAuthenticator, hashApiKey, looksLikeApiKey, RedisFailedAuthLimiter } from '@orchestrator/auth';
import {
  ApiKeyStore,
  AuditTrail,
  databaseReachable,
  EngineSettings,
  LiveEventQueries,
  MetricsQueries,
  PostgresApiKeyLookup,
  ProcessCommands,
  ProcessQueries,
  ProcessTraces,
  ProductCommands,
  ProductModelQueries,
  ProductQueries,
  SubscriptionCommands,
  SubscriptionQueries,
  SubscriptionReads,
  TaskScheduleStore,
  WorkflowVersions,
} from '@orchestrator/db';
import type { ProductRegistry } from '@orchestrator/engine';
import { DerivedEvents, EventFeed, EventPublisher, EventTickets } from '@orchestrator/events';
import {
  closeRedis,
  createRedisConnection,
  pausedQueueNames,
  queueFigures,
  redisReachable,
  StepQueue,
  TaskSchedules,
} from '@orchestrator/queue';
import { applyTaskScheduleConfiguration, detachedFromRequest, type Booted } from '@orchestrator/runtime';
import {
  CLUSTER_METRICS,
  liveWorkers,
  MetricDeltas,
  readClusterSamples,
  TelemetryLoop,
  telemetryKeys,
} from '@orchestrator/telemetry';
import { Announcer } from './announcer';
import { createApp } from './app';
import { bullBoardRouter } from './bull-board';
import { applyHttpServerLimits } from './http-server-limits';
import { PrometheusExporter } from './metrics/prometheus-exporter';
import { liveEventRoutes, type CallerOf } from './routes/events';
import { prepareAuthentication, printOnStandardOutput, type KeyPrinter } from './security/bootstrap-key';
import { actorOf } from './security/request-auth';
import { uiSignInSettings } from './routes/ui-sign-in';

export interface ApiServer {
  readonly server: Server;
  /** The port it listens on (PORT, or the one the system chose for PORT=0). */
  readonly port: number;
  /** Clients of `GET /api/events` connected to this replica now. */
  readonly liveEventClients: number;
  stop(): Promise<void>;
}

export interface ApiServerOptions {
  /** The Redis the API enqueues on, when it should differ from REDIS_URL (tests of an unreachable Redis). */
  redisUrl?: string;
  /** Where a bootstrap key is printed: standard output (never the log), unless a test listens. */
  printBootstrapKey?: KeyPrinter;
  /** Who is calling, for event tickets (the authenticated principal's name by default). */
  callerOf?: CallerOf;
  /** The live events' keep-alive comment interval (15 s) and slow-client limit, for tests. */
  liveEvents?: { keepAliveMs?: number; maxBufferedBytes?: number };
  /** Parse every answer by its OpenAPI response schema (tests): a mismatch is a 500 naming it. */
  checkResponses?: boolean;
}

/** The stores the routes use, on one DataSource; `products` tell how a product's data is shown. */
export function postgresStores(dataSource: DataSource, products: ProductRegistry) {
  return {
    productCommands: new ProductCommands(dataSource),
    productModel: new ProductModelQueries(dataSource),
    inventory: new SubscriptionReads(dataSource, products),
    commands: new ProcessCommands(dataSource),
    queries: new ProcessQueries(dataSource),
    subscriptions: new SubscriptionQueries(dataSource),
    subscriptionCommands: new SubscriptionCommands(dataSource),
    products: new ProductQueries(dataSource),
    engine: new EngineSettings(dataSource),
    schedules: new TaskScheduleStore(dataSource),
    apiKeys: new ApiKeyStore(dataSource),
    audit: new AuditTrail(dataSource),
    versions: new WorkflowVersions(dataSource),
  };
}

/** Wires the app to PostgreSQL and the step queue and listens on PORT. */
export async function startApiServer(booted: Booted, options: ApiServerOptions = {}): Promise<ApiServer> {
  const { config, logger, registry, dataSource } = booted;
  await applyTaskScheduleConfiguration(booted);
  const redisUrl = options.redisUrl ?? config.redisUrl;
  const prefix = config.queuePrefix;
  const connection = createRedisConnection(redisUrl, 'orchestrator-api', 'fail-fast');
  const stepQueue = new StepQueue({ connection, prefix, logger });
  const scheduleQueue = new TaskSchedules({ connection, prefix, logger }).queue;
  const pausedQueues = () => withinMs(pausedQueueNames([stepQueue.queue, scheduleQueue]), 2000).catch((): null => null);
  const stores = postgresStores(dataSource, booted.products);
  await prepareAuthentication(
    config.auth,
    stores.apiKeys,
    logger,
    options.printBootstrapKey ?? printOnStandardOutput,
    config.publicUrl,
  );
  const authenticator = createAuthenticator(config.auth, {
    apiKeys: new PostgresApiKeyLookup(dataSource),
    onJwksRefreshFailed: (reason) => logger.warn({ reason }, 'the OIDC signing keys could not be refreshed'),
    onApiKeyUseReportFailed: (err) => logger.warn({ err }, "an API key's last use could not be recorded"),
  });
  // Shared by every replica through Redis, so that spreading attempts over replicas gains nothing.
  const limiter = new RedisFailedAuthLimiter({
    redis: connection,
    prefix,
    onError: (err) => logger.warn({ err }, 'the failed-authentication limit could not be checked; serving'),
  });

  // Events go out on the step queue's connection: a process's event reaches Redis before its first step job.
  const publisher = new EventPublisher(connection, prefix, logger);
  const tracing = config.tracing.tracesUrl !== null;
  const derived = new DerivedEvents({
    redis: connection,
    prefix,
    publisher,
    statusCounts: () => stores.queries.statusCounts(),
    engineStatus: () => stores.engine.status(),
    logger,
  });
  const feed = new EventFeed({
    redis: connection,
    connect: () => createRedisConnection(redisUrl, 'orchestrator-api-events'),
    prefix,
    logger,
    onEvents: (events) => derived.observe(events),
    detach: detachedFromRequest,
  });
  const live = liveEventRoutes({
    feed,
    tickets: new EventTickets(connection, prefix),
    callerOf: options.callerOf ?? ((req) => ({ name: actorOf(req) })),
    logger,
    ...options.liveEvents,
  });
  const deltas = new MetricDeltas(telemetryKeys(prefix).metrics);
  const telemetryLoop = new TelemetryLoop(
    connection,
    config.workerHeartbeatMs,
    [{ addTo: (p) => deltas.addTo(p) }],
    logger,
  );
  const metricsQueries = new MetricsQueries(dataSource);
  const metrics = new PrometheusExporter({
    cluster: async () => {
      await telemetryLoop.flush();
      return readClusterSamples(connection, telemetryKeys(prefix).metrics, CLUSTER_METRICS);
    },
    subscriptionCounts: () => metricsQueries.subscriptionCounts(),
    processCounts: () => metricsQueries.processCounts(),
    engineStatus: () => stores.engine.status(),
    queue: () => queueFigures(stepQueue.queue),
    liveWorkers: async () => (await liveWorkers(connection, prefix)).length,
  });

  const app = createApp({
    ...stores,
    registry,
    scheduler: stepQueue,
    health: {
      database: () => databaseReachable(dataSource),
      redis: () => redisReachable(connection),
      pausedQueues,
    },
    logger,
    security: {
      authDisabled: config.auth.disabled,
      authenticator,
      limiter,
      revokedKeyName: async (key) => (looksLikeApiKey(key) ? stores.apiKeys.revokedKeyName(hashApiKey(key)) : null),
      corsOrigins: config.corsOrigins,
      trustProxy: config.trustProxy,
    },
    adminQueues: bullBoardRouter([stepQueue.queue]),
    announce: new Announcer(
      publisher,
      new LiveEventQueries(dataSource),
      tracing ? new ProcessTraces(dataSource) : null,
      logger,
    ),
    live,
    metrics,
    workers: () => liveWorkers(connection, prefix),
    telemetry: { deltas, tracing },
    uiSignIn: uiSignInSettings(config.auth.oidc, logger),
    checkResponses: options.checkResponses,
  });
  const server = await new Promise<Server>((resolve, reject) => {
    const listening = applyHttpServerLimits(app.listen(config.port, () => resolve(listening)));
    listening.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  derived.start();
  telemetryLoop.start();
  logger.info({ port }, `API listening on http://localhost:${port}`);
  return {
    server,
    port,
    get liveEventClients() {
      return live.clientCount;
    },
    async stop() {
      // Live event streams never end by themselves: end them, or the server would wait for them.
      await live.close();
      await derived.stop();
      await telemetryLoop.stop();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await closed;
      await stepQueue.close();
      await scheduleQueue.close();
      await closeRedis(connection);
    },
  };
}

/** The promise, or a rejection after `ms`: a read of Redis that must not hold a status answer for long. */
function withinMs<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
