import { parseEnv } from '@orchestrator/config';
import { boot, exitGracefullyOnSignals, runMain } from '@orchestrator/runtime';

import { startApiServer } from './api-server';

runMain(async () => {
  const config = parseEnv(process.env);
  const booted = await boot(config, 'orchestrator-api');
  const api = await startApiServer(booted);
  exitGracefullyOnSignals(
    async () => {
      await api.stop();
      await booted.dataSource.destroy();
    },
    config.shutdownTimeoutMs,
    booted.logger,
  );
});
