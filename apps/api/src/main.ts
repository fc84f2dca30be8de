import { startTracedService } from '@orchestrator/telemetry';
import type * as Runtime from '@orchestrator/runtime';
import type * as ApiMain from './api-main';

// Tracing starts before the PostgreSQL and Redis clients are loaded (by the requires below).
const { config, stopTracing } = startTracedService('orchestrator-api');
/* eslint-disable @typescript-eslint/no-require-imports -- loaded after tracing started, see above */
const { runMain } = require('@orchestrator/runtime') as typeof Runtime;
const { apiMain } = require('./api-main') as typeof ApiMain;
/* eslint-enable @typescript-eslint/no-require-imports */

runMain(() => apiMain(config, stopTracing));
