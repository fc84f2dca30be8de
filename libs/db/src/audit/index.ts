export * from './audit';
export * from './audit-trail';
