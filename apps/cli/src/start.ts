import { startTracedService } from '@orchestrator/telemetry';
import type * as Runtime from '@orchestrator/runtime';
import type * as ServiceMains from './service-mains';

// `npm start` without the CLI: tracing starts before the PostgreSQL and Redis clients are loaded.
const { config, stopTracing } = startTracedService('orchestrator');
/* eslint-disable @typescript-eslint/no-require-imports -- loaded after tracing started, see above */
const { runMain } = require('@orchestrator/runtime') as typeof Runtime;
const { startMain } = require('./service-mains') as typeof ServiceMains;
/* eslint-enable @typescript-eslint/no-require-imports */

runMain(() => startMain(config, stopTracing));
