export * from './postgres-api-key-lookup';
export * from './api-key-store';
