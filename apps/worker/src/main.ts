import { startTracedService } from '@orchestrator/telemetry';
import type * as Runtime from '@orchestrator/runtime';
import type * as WorkerMain from './worker-main';

// Tracing starts before the PostgreSQL and Redis clients are loaded (by the requires below).
const { config, stopTracing } = startTracedService('orchestrator-worker');
/* eslint-disable @typescript-eslint/no-require-imports -- loaded after tracing started, see above */
const { runMain } = require('@orchestrator/runtime') as typeof Runtime;
const { workerMain } = require('./worker-main') as typeof WorkerMain;
/* eslint-enable @typescript-eslint/no-require-imports */

runMain(() => workerMain(config, stopTracing));
