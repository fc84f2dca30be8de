import { parseEnv } from '@orchestrator/config';
import { startTracing } from '@orchestrator/telemetry';
import type * as Api from '@orchestrator/api';
import type * as Runtime from '@orchestrator/runtime';
import type * as Worker from '@orchestrator/worker';

// Tracing starts before the PostgreSQL and Redis clients are loaded (by the require below), so that their
// calls can be traced; runMain prints configuration and start-up errors in one line.
const config = parseEnvOrExit();
const tracing = startTracing(config.tracing, 'orchestrator');
/* eslint-disable @typescript-eslint/no-require-imports -- loaded after tracing started, see above */
const { startApiServer } = require('@orchestrator/api') as typeof Api;
const { boot, exitGracefullyOnSignals, runMain } = require('@orchestrator/runtime') as typeof Runtime;
const { startWorkerRuntime } = require('@orchestrator/worker') as typeof Worker;
/* eslint-enable @typescript-eslint/no-require-imports */

/** `npm start`: API and worker in one process, for one machine. */
runMain(async () => {
  const booted = await boot(config, 'orchestrator');
  const worker = await startWorkerRuntime(booted);
  const api = await startApiServer(booted);
  exitGracefullyOnSignals(
    async () => {
      await api.stop();
      await worker.stop();
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
