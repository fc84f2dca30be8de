import type { OrchestratorConfig } from '@orchestrator/config';
import { startApiServer } from '@orchestrator/api';
import { boot, exitGracefullyOnSignals } from '@orchestrator/runtime';
import { startWorkerRuntime } from '@orchestrator/worker';

/** `orchestrator start` (npm start): API and worker in one process, for one machine. */
export async function startMain(config: OrchestratorConfig, stopTracing?: () => Promise<void>): Promise<void> {
  const booted = await boot(config, 'orchestrator');
  const worker = await startWorkerRuntime(booted);
  const api = await startApiServer(booted);
  exitGracefullyOnSignals(
    async () => {
      await api.stop();
      await worker.stop();
      await booted.dataSource.destroy();
      await stopTracing?.();
    },
    config.shutdownTimeoutMs,
    booted.logger,
  );
}

/** `orchestrator migrate` (npm run migrate): create the database if missing, apply migrations, upsert workflows, exit. */
export async function migrateMain(config: OrchestratorConfig): Promise<void> {
  const booted = await boot(config, 'orchestrator-migrate');
  await booted.dataSource.destroy();
  booted.logger.info('migrations applied');
}
