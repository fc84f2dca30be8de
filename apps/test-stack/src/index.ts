export * from '@orchestrator/testing';
export * from './test-stack';
export * from './process-helpers';
