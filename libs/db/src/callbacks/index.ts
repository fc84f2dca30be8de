export * from './awaited-callback';
export * from './callback-progress';
export * from './callback-token-hash';
