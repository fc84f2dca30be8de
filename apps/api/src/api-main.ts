import type { OrchestratorConfig } from '@orchestrator/config';
import { boot, exitGracefullyOnSignals } from '@orchestrator/runtime';
import { startApiServer } from './api-server';

/**
 * `orchestrator api` (npm run start:api): the API alone. `stopTracing` flushes the spans at shutdown; the
 * caller started tracing before this module (and with it the PostgreSQL and Redis clients) was loaded.
 */
export async function apiMain(config: OrchestratorConfig, stopTracing?: () => Promise<void>): Promise<void> {
  const booted = await boot(config, 'orchestrator-api');
  const api = await startApiServer(booted);
  exitGracefullyOnSignals(
    async () => {
      await api.stop();
      await booted.dataSource.destroy();
      await stopTracing?.();
    },
    config.shutdownTimeoutMs,
    booted.logger,
  );
}
