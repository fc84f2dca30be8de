import type { OrchestratorConfig } from '@orchestrator/config';
import { boot, exitGracefullyOnSignals } from '@orchestrator/runtime';
import { startWorkerRuntime } from './worker-runtime';

/**
 * `orchestrator worker` (npm run start:worker): a worker alone. `stopTracing` flushes the spans at shutdown;
 * the caller started tracing before this module (and with it the PostgreSQL and Redis clients) was loaded.
 */
export async function workerMain(config: OrchestratorConfig, stopTracing?: () => Promise<void>): Promise<void> {
  const booted = await boot(config, 'orchestrator-worker');
  const runtime = await startWorkerRuntime(booted);
  exitGracefullyOnSignals(
    async () => {
      await runtime.stop();
      await booted.dataSource.destroy();
      await stopTracing?.();
    },
    config.shutdownTimeoutMs,
    booted.logger,
  );
}
