export * from './client';
export type { paths, components, operations } from './api-types';
export type * from './api-schemas';
