export * from './logger';
export * from './service-checks';
export * from './registry';
export * from './run-main';
export * from './boot';
export * from './graceful-shutdown';
export * from './log-context';
