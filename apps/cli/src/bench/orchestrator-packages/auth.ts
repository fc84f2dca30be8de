// What the bench uses from @orchestrator/auth (see engine.ts for why this file exists).
export { generateApiKey } from '@orchestrator/auth';
