// What the bench uses from @orchestrator/runtime (see engine.ts for why this file exists).
export { runMain } from '@orchestrator/runtime';
