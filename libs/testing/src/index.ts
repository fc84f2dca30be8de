export * from './test-database';
export * from './test-redis';
export * from './wait-for';
export * from './spawn-app';
export * from './cuttable-proxy';
