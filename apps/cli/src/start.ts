import { startApiServer } from '@orchestrator/api';
import { parseEnv } from '@orchestrator/config';
import { boot, exitGracefullyOnSignals, runMain } from '@orchestrator/runtime';
import { startWorkerRuntime } from '@orchestrator/worker';

/** `npm start`: API and worker in one process, for one machine. */
runMain(async () => {
  const config = parseEnv(process.env);
  const booted = await boot(config, 'orchestrator');
  const worker = await startWorkerRuntime(booted);
  const api = await startApiServer(booted);
  exitGracefullyOnSignals(
    async () => {
      await api.stop();
      await worker.stop();
      await booted.dataSource.destroy();
    },
    config.shutdownTimeoutMs,
    booted.logger,
  );
});
