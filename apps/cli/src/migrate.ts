import { parseEnv } from '@orchestrator/config';
import { runMain } from '@orchestrator/runtime';
import { migrateMain } from './service-mains';

runMain(() => migrateMain(parseEnv(process.env)));
