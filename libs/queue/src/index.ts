export * from './redis-connection';
export * from './step-queue';
export * from './step-worker';
export * from './job-liveness';
export * from './recovery-sweeper';
export * from './sweeper-turn';
export * from './task-schedules';
export * from './queue-figures';
