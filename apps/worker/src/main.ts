import { parseEnv } from '@orchestrator/config';
import { boot, exitGracefullyOnSignals, runMain } from '@orchestrator/runtime';

import { startWorkerRuntime } from './worker-runtime';

runMain(async () => {
  const config = parseEnv(process.env);
  const booted = await boot(config, 'orchestrator-worker');
  const runtime = await startWorkerRuntime(booted);
  exitGracefullyOnSignals(
    async () => {
      await runtime.stop();
      await booted.dataSource.destroy();
    },
    config.shutdownTimeoutMs,
    booted.logger,
  );
});
