export * from './logger';
export * from './service-checks';
export * from './registry';
export * from './run-main';
export * from './boot';
export * from './graceful-shutdown';
export * from './task-schedule-config';
export * from './log-context';
