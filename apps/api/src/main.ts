import { parseEnv } from '@orchestrator/config';
import { startTracing } from '@orchestrator/telemetry';
import type * as Runtime from '@orchestrator/runtime';
import type * as ApiServer from './api-server';

// Tracing starts before the PostgreSQL and Redis clients are loaded (by the require below), so that their
// calls can be traced; runMain prints configuration and start-up errors in one line.
const config = parseEnvOrExit();
const tracing = startTracing(config.tracing, 'orchestrator-api');
/* eslint-disable @typescript-eslint/no-require-imports -- loaded after tracing started, see above */
const { boot, exitGracefullyOnSignals, runMain } = require('@orchestrator/runtime') as typeof Runtime;
const { startApiServer } = require('./api-server') as typeof ApiServer;
/* eslint-enable @typescript-eslint/no-require-imports */

runMain(async () => {
  const booted = await boot(config, 'orchestrator-api');
  const api = await startApiServer(booted);
  exitGracefullyOnSignals(
    async () => {
      await api.stop();
      await booted.dataSource.destroy();
      await tracing?.shutdown();
    },
    config.shutdownTimeoutMs,
    booted.logger,
  );
});

function parseEnvOrExit() {
  try {
    return parseEnv(process.env);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(1);
  }
}
