export * from './test-database';
export * from './test-redis';
export * from './test-stack';
export * from './wait-for';
export * from './spawn-app';
export * from './process-helpers';
