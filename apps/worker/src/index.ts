export * from './worker-runtime';
