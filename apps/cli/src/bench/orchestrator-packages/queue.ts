// What the bench uses from @orchestrator/queue (see engine.ts for why this file exists).
export { createRedisConnection, StepQueue } from '@orchestrator/queue';
