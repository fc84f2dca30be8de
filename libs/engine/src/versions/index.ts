export * from './step-outline';
export * from './pinned-workflow';
export * from './version-migration';
