export * from './in-memory-step-store';
export * from './step-harness';
export * from './execute-step-harnesses';
export * from './step-store-contract';
