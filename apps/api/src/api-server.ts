import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DataSource } from 'typeorm';
import {
  databaseReachable,
  EngineSettings,
  LiveEventQueries,
  MetricsQueries,
  ProcessCommands,
  ProcessQueries,
  ProcessTraces,
  ProductQueries,
  SubscriptionCommands,
  SubscriptionQueries,
} from '@orchestrator/db';
import { DerivedEvents, EventFeed, EventPublisher, EventTickets } from '@orchestrator/events';
import { closeRedis, createRedisConnection, queueFigures, redisReachable, StepQueue } from '@orchestrator/queue';
import { detachedFromRequest, type Booted } from '@orchestrator/runtime';
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
import { actorOf } from './request-input';

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
  /** Who is calling, for event tickets; the `X-User` actor until authentication provides the principal. */
  callerOf?: CallerOf;
  /** The live events' keep-alive comment interval (15 s) and slow-client limit, for tests. */
  liveEvents?: { keepAliveMs?: number; maxBufferedBytes?: number };
}

/** The stores the routes use, on one DataSource. */
export function postgresStores(dataSource: DataSource) {
  return {
    commands: new ProcessCommands(dataSource),
    queries: new ProcessQueries(dataSource),
    subscriptions: new SubscriptionQueries(dataSource),
    subscriptionCommands: new SubscriptionCommands(dataSource),
    products: new ProductQueries(dataSource),
    engine: new EngineSettings(dataSource),
  };
}

/** Wires the app to PostgreSQL and the step queue and listens on PORT. */
export async function startApiServer(booted: Booted, options: ApiServerOptions = {}): Promise<ApiServer> {
  const { config, logger, registry, dataSource } = booted;
  const redisUrl = options.redisUrl ?? config.redisUrl;
  const prefix = config.queuePrefix;
  const connection = createRedisConnection(redisUrl, 'orchestrator-api', 'fail-fast');
  const stepQueue = new StepQueue({ connection, prefix, logger });
  const stores = postgresStores(dataSource);
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
    health: { database: () => databaseReachable(dataSource), redis: () => redisReachable(connection) },
    logger,
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
      await closeRedis(connection);
    },
  };
}
