import { parseEnv } from '@orchestrator/config';
import { boot, runMain } from '@orchestrator/runtime';

/** `npm run migrate`: create the database if missing, apply migrations, upsert workflows, exit. */
runMain(async () => {
  const booted = await boot(parseEnv(process.env), 'orchestrator-migrate');
  await booted.dataSource.destroy();
  booted.logger.info('migrations applied');
});
