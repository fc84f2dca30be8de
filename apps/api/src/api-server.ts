import type { Server } from 'node:http';
import { databaseReachable, ProcessCommands, ProcessQueries } from '@orchestrator/db';
import { createRedisConnection, redisReachable, StepQueue } from '@orchestrator/queue';
import type { Booted } from '@orchestrator/runtime';
import { createApp } from './app';
import { bullBoardRouter } from './bull-board';
import { applyHttpServerLimits } from './http-server-limits';

export interface ApiServer {
  readonly server: Server;
  stop(): Promise<void>;
}

/** Wires the app to PostgreSQL and the step queue and listens on PORT. */
export async function startApiServer(booted: Booted): Promise<ApiServer> {
  const { config, logger, registry, dataSource } = booted;
  const connection = createRedisConnection(config.redisUrl, 'orchestrator-api', 'fail-fast');
  const stepQueue = new StepQueue({ connection, prefix: config.queuePrefix, logger });
  const app = createApp({
    registry,
    commands: new ProcessCommands(dataSource),
    queries: new ProcessQueries(dataSource),
    scheduler: stepQueue,
    health: { database: () => databaseReachable(dataSource), redis: () => redisReachable(connection) },
    logger,
    dataSource,
    adminQueues: bullBoardRouter([stepQueue.queue]),
  });
  const server = await new Promise<Server>((resolve, reject) => {
    const listening = applyHttpServerLimits(app.listen(config.port, () => resolve(listening)));
    listening.once('error', reject);
  });
  logger.info({ port: config.port }, `API listening on http://localhost:${config.port}`);
  return {
    server,
    async stop() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await closed;
      await stepQueue.close();
      await connection.quit().catch(() => undefined);
    },
  };
}
