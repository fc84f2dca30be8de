export * from '@orchestrator/testing';
export * from './test-stack';
export * from './process-helpers';
export * from './event-stream-reader';
