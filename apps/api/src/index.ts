export * from './app';
export * from './api-server';
export * from './api-error';
export * from './bull-board';
export * from './api-main';
