import { Command } from 'commander';
import type * as Api from '@orchestrator/api';
import { ApiRequestError } from '@orchestrator/client';
import type * as Runtime from '@orchestrator/runtime';
import { startTracedService } from '@orchestrator/telemetry';
import type * as Worker from '@orchestrator/worker';
import type * as ServiceMains from '../service-mains';
import { registerApiKeyCommands } from './api-key-commands';
import { registerGenerateCommands } from './generate-commands';
import { registerProcessCommands } from './process-commands';

// `orchestrator` (npx orchestrator --help): the services, migrations, API keys and the operator commands.
// The service commands read their configuration from the environment and start tracing before they load the
// apps (and with them the PostgreSQL and Redis clients), so nothing of the apps is imported up here.
/* eslint-disable @typescript-eslint/no-require-imports -- the apps load only once tracing started */
type ServiceMain = (config: Parameters<typeof Api.apiMain>[0], stopTracing?: () => Promise<void>) => Promise<void>;
const service = (serviceName: string, load: () => ServiceMain) => () => {
  const { config, stopTracing } = startTracedService(serviceName);
  const { runMain } = require('@orchestrator/runtime') as typeof Runtime;
  const main = load();
  runMain(() => main(config, stopTracing));
};
const mains = () => require('../service-mains') as typeof ServiceMains;
const program = new Command('orchestrator')
  .description('A workflow orchestrator: run it, migrate it, and operate its processes')
  .showHelpAfterError();

program
  .command('start')
  .description('API and worker in one process (PORT, DATABASE_URL, REDIS_URL, ...)')
  .action(service('orchestrator', () => mains().startMain));
program
  .command('api')
  .description('the HTTP API alone')
  .action(service('orchestrator-api', () => (require('@orchestrator/api') as typeof Api).apiMain));
program
  .command('worker')
  .description('a worker alone')
  .action(service('orchestrator-worker', () => (require('@orchestrator/worker') as typeof Worker).workerMain));
program
  .command('migrate')
  .description('create the database if missing, apply the migrations, register workflows and products, exit')
  .action(service('orchestrator-migrate', () => mains().migrateMain));
/* eslint-enable @typescript-eslint/no-require-imports */

registerApiKeyCommands(program);
registerProcessCommands(program);
registerGenerateCommands(program);
program.addHelpText(
  'after',
  '\nThe operator commands (processes ...) reach the API at ORCHESTRATOR_URL (default http://localhost:8080)\n' +
    'with ORCHESTRATOR_API_KEY; api-keys works on the database of DATABASE_URL.',
);

program.parseAsync(process.argv).catch((error: unknown) => {
  const message =
    error instanceof ApiRequestError ? error.message : error instanceof Error ? error.message : String(error);
  process.stderr.write(`orchestrator: ${message}\n`);
  process.exit(1);
});
