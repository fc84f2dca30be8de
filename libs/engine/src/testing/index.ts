export * from './in-memory-step-store';
export * from './step-harness';
export * from './execute-step-harnesses';
export * from './step-store-contract';
export * from './subscription-service-contract';
export * from './in-memory-subscriptions';
export * from './in-memory-subscription-service';
