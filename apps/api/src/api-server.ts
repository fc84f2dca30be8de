import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DataSource } from 'typeorm';
import { createAuthenticator, hashApiKey, looksLikeApiKey, RedisFailedAuthLimiter } from '@orchestrator/auth';
import {
  ApiKeyStore,
  AuditTrail,
  databaseReachable,
  EngineSettings,
  PostgresApiKeyLookup,
  ProcessCommands,
  ProcessQueries,
  ProductCommands,
  ProductModelQueries,
  ProductQueries,
  SubscriptionCommands,
  SubscriptionQueries,
  SubscriptionReads,
  TaskScheduleStore,
} from '@orchestrator/db';
import type { ProductRegistry } from '@orchestrator/engine';
import {
  closeRedis,
  createRedisConnection,
  pausedQueueNames,
  redisReachable,
  StepQueue,
  TaskSchedules,
} from '@orchestrator/queue';
import { applyTaskScheduleConfiguration, type Booted } from '@orchestrator/runtime';
import { createApp } from './app';
import { bullBoardRouter } from './bull-board';
import { applyHttpServerLimits } from './http-server-limits';
import { prepareAuthentication, printOnStandardOutput, type KeyPrinter } from './security/bootstrap-key';

export interface ApiServer {
  readonly server: Server;
  /** The port it listens on (PORT, or the one the system chose for PORT=0). */
  readonly port: number;
  stop(): Promise<void>;
}

export interface ApiServerOptions {
  /** The Redis the API enqueues on, when it should differ from REDIS_URL (tests of an unreachable Redis). */
  redisUrl?: string;
  /** Where a bootstrap key is printed: standard output (never the log), unless a test listens. */
  printBootstrapKey?: KeyPrinter;
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
  };
}

/** Wires the app to PostgreSQL and the step queue and listens on PORT. */
export async function startApiServer(booted: Booted, options: ApiServerOptions = {}): Promise<ApiServer> {
  const { config, logger, registry, dataSource } = booted;
  await applyTaskScheduleConfiguration(booted);
  const connection = createRedisConnection(options.redisUrl ?? config.redisUrl, 'orchestrator-api', 'fail-fast');
  const stepQueue = new StepQueue({ connection, prefix: config.queuePrefix, logger });
  const scheduleQueue = new TaskSchedules({ connection, prefix: config.queuePrefix, logger }).queue;
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
    prefix: config.queuePrefix,
    onError: (err) => logger.warn({ err }, 'the failed-authentication limit could not be checked; serving'),
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
  });
  const server = await new Promise<Server>((resolve, reject) => {
    const listening = applyHttpServerLimits(app.listen(config.port, () => resolve(listening)));
    listening.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  logger.info({ port }, `API listening on http://localhost:${port}`);
  return {
    server,
    port,
    async stop() {
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
