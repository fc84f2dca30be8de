// What the bench uses from @orchestrator/config (see engine.ts for why this file exists).
export { parseEnv } from '@orchestrator/config';
