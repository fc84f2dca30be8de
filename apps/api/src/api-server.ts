import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DataSource } from 'typeorm';
import {
  databaseReachable,
  EngineSettings,
  ProcessCommands,
  ProcessQueries,
  ProductCommands,
  ProductModelQueries,
  ProductQueries,
  SubscriptionCommands,
  SubscriptionQueries,
  SubscriptionReads,
} from '@orchestrator/db';
import type { ProductRegistry } from '@orchestrator/engine';
import { closeRedis, createRedisConnection, redisReachable, StepQueue } from '@orchestrator/queue';
import type { Booted } from '@orchestrator/runtime';
import { createApp } from './app';
import { bullBoardRouter } from './bull-board';
import { applyHttpServerLimits } from './http-server-limits';

export interface ApiServer {
  readonly server: Server;
  /** The port it listens on (PORT, or the one the system chose for PORT=0). */
  readonly port: number;
  stop(): Promise<void>;
}

export interface ApiServerOptions {
  /** The Redis the API enqueues on, when it should differ from REDIS_URL (tests of an unreachable Redis). */
  redisUrl?: string;
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
  };
}

/** Wires the app to PostgreSQL and the step queue and listens on PORT. */
export async function startApiServer(booted: Booted, options: ApiServerOptions = {}): Promise<ApiServer> {
  const { config, logger, registry, dataSource } = booted;
  const connection = createRedisConnection(options.redisUrl ?? config.redisUrl, 'orchestrator-api', 'fail-fast');
  const stepQueue = new StepQueue({ connection, prefix: config.queuePrefix, logger });
  const app = createApp({
    ...postgresStores(dataSource, booted.products),
    registry,
    scheduler: stepQueue,
    health: { database: () => databaseReachable(dataSource), redis: () => redisReachable(connection) },
    logger,
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
      await closeRedis(connection);
    },
  };
}
