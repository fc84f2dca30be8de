import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DataSource } from 'typeorm';
import {
  databaseReachable,
  EngineSettings,
  ProcessCommands,
  ProcessQueries,
  ProductQueries,
  SubscriptionCommands,
  SubscriptionQueries,
  TaskScheduleStore,
} from '@orchestrator/db';
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

/** The stores the routes use, on one DataSource. */
export function postgresStores(dataSource: DataSource) {
  return {
    commands: new ProcessCommands(dataSource),
    queries: new ProcessQueries(dataSource),
    subscriptions: new SubscriptionQueries(dataSource),
    subscriptionCommands: new SubscriptionCommands(dataSource),
    products: new ProductQueries(dataSource),
    engine: new EngineSettings(dataSource),
    schedules: new TaskScheduleStore(dataSource),
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
  const app = createApp({
    ...postgresStores(dataSource),
    registry,
    scheduler: stepQueue,
    health: {
      database: () => databaseReachable(dataSource),
      redis: () => redisReachable(connection),
      pausedQueues,
    },
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
