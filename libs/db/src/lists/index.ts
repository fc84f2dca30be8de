export * from './searched-list';
export * from './process-search';
export * from './subscription-sort';
export * from './process-status-counts';
