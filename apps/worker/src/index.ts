export * from './worker-runtime';
export * from './worker-main';
